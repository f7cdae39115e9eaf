export { type DocxOptions, renderDocx } from './docx';
export { type LaidCell, type LaidTable, layGrid, layTable, layUnits, placeCells } from './layout';
