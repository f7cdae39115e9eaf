/**
 * @juesuan/render — the outputs of a DocumentView: DOCX (what offices publish), XLSX, a
 * self-contained HTML preview, and PDF made from the DOCX by LibreOffice. Renderers lay out and
 * never compute: every figure is the text the view gives.
 */
export { chartDescription, type DocxOptions, renderDocx } from './docx';
export { escapeHtml, renderHtml } from './html';
export {
  emptyStatementOf,
  type LaidCell,
  type LaidTable,
  layGrid,
  layTable,
  layUnits,
  placeCells,
  unitLabel,
} from './layout';
export { estimateTocPages, type TocEntry } from './page';
export { convertToPdf, FONTS_CONF, PdfConversionError, type PdfOptions } from './pdf';
export { chartSvg } from './svg-chart';
export { figureValue, renderXlsx, sheetName } from './xlsx';
