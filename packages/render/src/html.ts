/**
 * DocumentView → one self-contained HTML page for the web preview: inline CSS, no script, no
 * network. The 目录 links to every part and listed heading; tables are the same laid grids as in
 * the DOCX (rowspan/colspan); placeholders are highlighted; charts are inline SVG. Printing gives
 * A4 pages, the tables on landscape pages.
 */
import type {
  Block,
  DocumentView,
  GridBlock,
  ParagraphBlock,
  Run,
  TableView,
  UnitsBlock,
} from '@juesuan/core';
import { emptyStatementOf, type LaidTable, layGrid, layTable, layUnits, unitLabel } from './layout';
import { columnWidths, isTablePart, TABLE_FONT, titleHeading, tocHeadings } from './page';
import { chartSvg } from './svg-chart';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CSS = `
:root { --ink: #111; --rule: #333; --head: #f2f2f2; --mark: #fff200; }
* { box-sizing: border-box; }
body { margin: 0; background: #e9e9e9; color: var(--ink);
  font-family: "仿宋_GB2312", "仿宋", FangSong, "Noto Serif CJK SC", "Source Han Serif SC", serif; }
main { max-width: 1100px; margin: 24px auto; background: #fff; padding: 48px 64px; box-shadow: 0 1px 4px #0002; }
.doc-title { font-family: "方正小标宋简体", "Noto Serif CJK SC", serif; font-weight: normal; font-size: 2em;
  text-align: center; margin: 1.5em 0 1em; }
.toc h2 { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-weight: normal; text-align: center; }
.toc ol { list-style: none; padding: 0; margin: 0 0 1em; }
.toc li { line-height: 1.9; }
.toc li.l2 { padding-left: 2em; } .toc li.l3 { padding-left: 4em; } .toc li.l4 { padding-left: 6em; }
.toc a { color: inherit; text-decoration: none; } .toc a:hover { text-decoration: underline; }
.part-heading { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-weight: normal; font-size: 1.6em;
  text-align: center; margin: 2em 0 1em; }
h3, h4, h5 { font-size: 1.15em; font-weight: normal; margin: .4em 0; text-indent: 2em; }
h3 { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; }
h4 { font-family: "楷体_GB2312", "楷体", KaiTi, "AR PL KaitiM GB", serif; }
h5 { font-weight: bold; }
p { font-size: 1.15em; line-height: 1.75; margin: 0; text-indent: 2em; text-align: justify; }
p.note { font-size: 1em; }
p.caption { text-indent: 0; text-align: center; font-family: "黑体", sans-serif; font-size: .9em; }
mark.placeholder { background: var(--mark); padding: 0 .15em; }
figure { margin: 1.5em 0; }
figure.chart { text-align: center; }
svg.chart { width: 100%; max-width: 640px; height: auto; font-family: "宋体", "Noto Serif CJK SC", serif; }
svg .chart-title { font-size: 15px; } svg .chart-label { font-size: 12px; fill: #222; }
svg .chart-label-inside { font-size: 12px; fill: #fff; } svg .chart-axis { stroke: #555; }
.table-block figcaption { font-family: "宋体", "Noto Serif CJK SC", serif; font-size: .9em; }
.table-title { font-family: "方正小标宋简体", "Noto Serif CJK SC", serif; font-size: 1.6em; text-align: center;
  margin-bottom: .3em; }
.table-number { text-align: right; }
.table-info { display: flex; justify-content: space-between; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; font-family: "宋体", "Noto Serif CJK SC", serif;
  font-size: 12px; }
th, td { border: 1px solid var(--rule); padding: 1px 4px; line-height: 1.35; vertical-align: middle;
  overflow-wrap: anywhere; }
th { background: var(--head); font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-weight: normal; }
td.r { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.c { text-align: center; } td.b, th.b { font-weight: bold; }
table.units { width: 90%; margin: .5em auto; font-size: 14px; }
.table-note { font-family: "宋体", "Noto Serif CJK SC", serif; font-size: 13px; text-indent: 0; line-height: 1.6; }
.empty-statement { font-weight: bold; }
@media print {
  body { background: #fff; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  @page { size: A4 portrait; margin: 37mm 26mm 35mm 28mm; }
  @page tables { size: A4 landscape; margin: 16mm 20mm 15mm 20mm; }
  section.part { break-before: page; }
  section.part.tables { page: tables; }
  section.part.tables figure.table-block { break-before: page; }
  tr { break-inside: avoid; }
}
`;

export function renderHtml(doc: DocumentView): string {
  const headings = tocHeadings(doc);
  const anchors = new Map(headings.map((h) => [`${h.part}:${h.block}`, h.anchor]));
  const toc = headings
    .map((h) => `<li class="l${h.level}"><a href="#${h.anchor}">${escapeHtml(h.title)}</a></li>`)
    .join('\n');
  const parts = doc.parts.map((part, p) => {
    const anchorOf = (block: number) => anchors.get(`${p}:${block}`);
    const blocks: string[] = [];
    let title: { text: string; anchor: string | undefined } | undefined;
    part.blocks.forEach((block, i) => {
      const text = titleHeading(part.blocks, i);
      if (text !== undefined) {
        title = { text, anchor: anchorOf(i) };
        return;
      }
      blocks.push(renderBlock(block, anchorOf(i) ?? title?.anchor, part.blocks[i + 1], title?.text));
      title = undefined;
    });
    return (
      `<section class="part${isTablePart(part) ? ' tables' : ''}" data-part="${escapeHtml(part.id)}">\n` +
      `<h2 class="part-heading" id="${anchorOf(-1)}">${escapeHtml(part.heading)}</h2>\n${blocks.join('\n')}\n</section>`
    );
  });
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1 class="doc-title">${escapeHtml(doc.title)}</h1>
<nav class="toc"><h2>目　录</h2><ol>
${toc}
</ol>
${doc.frontNotes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n')}
</nav>
</header>
${parts.join('\n')}
</main>
</body>
</html>
`;
}

function renderBlock(
  block: Block,
  anchor: string | undefined,
  next: Block | undefined,
  title: string | undefined,
): string {
  const id = anchor ? ` id="${anchor}"` : '';
  switch (block.kind) {
    case 'heading': {
      const tag = `h${block.level + 2}`;
      return `<${tag}${id}>${escapeHtml(block.text)}</${tag}>`;
    }
    case 'paragraph':
      return renderParagraph(block);
    case 'table':
      return block.table.printed ? renderTableView(block.table, id, next) : '';
    case 'grid':
      return renderGrid(block, id, title ?? block.title);
    case 'units':
      return renderUnits(block);
    case 'chart':
      return `<figure class="chart"${id} data-chart="${escapeHtml(block.chart.id)}">${chartSvg(block.chart)}</figure>`;
    case 'pageBreak':
      return '';
  }
}

function renderRun(run: Run): string {
  switch (run.kind) {
    case 'text':
      return escapeHtml(run.text);
    case 'figure':
      return `<span class="figure" title="${escapeHtml(run.figure.facts.join('；'))}">${escapeHtml(run.text)}</span>`;
    case 'placeholder':
      return `<mark class="placeholder" title="待填写：${escapeHtml(run.statement)}">${escapeHtml(run.text)}</mark>`;
  }
}

function renderParagraph(block: ParagraphBlock): string {
  const style = block.style && block.style !== 'body' ? ` class="${block.style}"` : '';
  return `<p${style}>${block.runs.map(renderRun).join('')}</p>`;
}

function renderTableView(view: TableView, id: string, next: Block | undefined): string {
  const statement = emptyStatementOf(view, next);
  return (
    `<figure class="table-block"${id} data-table="${escapeHtml(view.id)}">` +
    `<figcaption><div class="table-title">${escapeHtml(view.title)}</div>` +
    `<div class="table-number">${escapeHtml(view.number)}</div>` +
    `<div class="table-info"><span>${escapeHtml(view.subject)}</span><span>${view.year} 年度</span>` +
    `<span>${escapeHtml(unitLabel(view))}</span></div></figcaption>\n` +
    layTable(view)
      .map((t) => laidTable(t, TABLE_FONT.table))
      .join('\n') +
    (statement ? `\n<p class="table-note empty-statement">${escapeHtml(statement)}</p>` : '') +
    view.notes.map((n) => `\n<p class="table-note">${escapeHtml(n)}</p>`).join('') +
    '</figure>'
  );
}

function renderGrid(grid: GridBlock, id: string, title: string): string {
  return (
    `<figure class="table-block grid"${id}><figcaption><div class="table-title">${escapeHtml(title)}</div>` +
    (grid.subtitle ? `<div style="text-align:center">${escapeHtml(grid.subtitle)}</div>` : '') +
    `</figcaption>\n${laidTable(layGrid(grid), TABLE_FONT.grid)}` +
    (grid.notes ?? []).map((n) => `\n<p class="table-note">${escapeHtml(n)}</p>`).join('') +
    '</figure>'
  );
}

function renderUnits(block: UnitsBlock): string {
  return laidTable(layUnits(block), TABLE_FONT.units, 'units');
}

function laidTable(laid: LaidTable, size: number, className?: string): string {
  // The DOCX's column widths on a landscape page, as shares: figures stay on one line.
  const widths = columnWidths(laid, 14570, size);
  const total = widths.reduce((a, b) => a + b, 0);
  const cols = widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(2)}%">`).join('');
  const row = (cells: LaidTable['rows'][number]) =>
    `<tr>${cells
      .map((cell) => {
        const tag = cell.header ? 'th' : 'td';
        const classes = [
          cell.header ? '' : cell.align === 'right' ? 'r' : cell.align === 'center' ? 'c' : '',
          cell.bold && !cell.header ? 'b' : '',
        ].filter(Boolean);
        const attrs =
          (cell.rowSpan ? ` rowspan="${cell.rowSpan}"` : '') +
          (cell.colSpan ? ` colspan="${cell.colSpan}"` : '') +
          (classes.length ? ` class="${classes.join(' ')}"` : '') +
          (cell.indent ? ` style="padding-left:${cell.indent + 0.3}em"` : '');
        return `<${tag}${attrs}>${escapeHtml(cell.text)}</${tag}>`;
      })
      .join('')}</tr>`;
  const head = laid.rows.slice(0, laid.headerRows).map(row).join('\n');
  const body = laid.rows.slice(laid.headerRows).map(row).join('\n');
  return (
    `<table${className ? ` class="${className}"` : ''}><colgroup>${cols}</colgroup>` +
    (head ? `<thead>\n${head}\n</thead>` : '') +
    `<tbody>\n${body}\n</tbody></table>`
  );
}
