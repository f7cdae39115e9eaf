/** Tables as aligned terminal text. */
import { displayWidth, type TableView } from '@juesuan/core';
import { color, padEnd, padStart } from './output';

export function renderTableText(view: TableView): string {
  const lines: string[] = [];
  lines.push(color.bold(`${view.number}  ${view.title}`));
  lines.push(color.dim(`${view.subject}    ${view.year} 年度    金额单位：${view.unit}`));
  for (const section of view.sections) {
    const hasLines = section.rows.some((r) => r.line !== undefined);
    const hasCodes = section.rows.some((r) => r.code !== undefined && r.code !== '*');
    const header = [
      ...(hasCodes ? ['科目编码'] : []),
      section.labelHeader ?? section.heading ?? '项目',
      ...(hasLines ? ['行次'] : []),
      ...section.columns.map((c) => (c.no !== undefined ? `${c.label}(${c.no})` : c.label)),
    ];
    const body = section.rows.map((row) => [
      ...(hasCodes ? [row.code && row.code !== '*' ? row.code : ''] : []),
      `${'  '.repeat(row.indent ?? (row.level === '款' ? 1 : row.level === '项' ? 2 : 0))}${row.label}`,
      ...(hasLines ? [row.line?.toString() ?? ''] : []),
      ...section.columns.map((c) => row.cells[c.key]?.text ?? ''),
    ]);
    const firstNumeric = header.length - section.columns.length;
    const widths = header.map((h, i) =>
      Math.max(displayWidth(h), ...body.map((r) => displayWidth(r[i] ?? ''))),
    );
    const format = (cells: string[]) =>
      cells
        .map((cell, i) => (i >= firstNumeric ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!)))
        .join('  ');
    if (section.heading && view.sections.length > 1) lines.push(color.bold(`【${section.heading}】`));
    lines.push(color.dim(format(header)));
    for (const row of body) lines.push(format(row));
  }
  if (view.empty && view.emptyStatement) lines.push(color.info(view.emptyStatement));
  for (const note of view.notes) lines.push(color.dim(note));
  return lines.join('\n');
}
