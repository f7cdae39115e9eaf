/**
 * Test-only reader for the tables printed in the 青山湖区医疗保障局 2020 sample
 * (qingshanhu-2020.txt, 草案03–09表 in 元). It knows this one text: the word
 * extraction glued amounts to the codes after them ("0.0030216" = 0.00, code 30216), left stray
 * digits ("310111" = code 31011), wrapped names across lines and scrambled T04's header. It is not
 * an importer.
 */

/** A printed amount: two decimals, optional thousands separators; never longer, so glue splits. */
const AMOUNT = /\d{1,3}(?:,\d{3})*\.\d{2}/y;
const AMOUNT_AT_END = /\s+(-?\d{1,3}(?:,\d{3})*\.\d{2})$/;

export interface PrintedRow {
  label: string;
  /** 行次 where the table prints one. */
  line?: number;
  /** Economic code (T06 only; the functional tables print names without codes). */
  code?: string;
  /** Cells as printed, left to right ("7,167,065.75", "0", "-"). */
  values: string[];
}

export interface PrintedTable {
  /** 表号 as printed (草案03表 …), when the text has it. */
  number?: string;
  /** Title, when the text has it (the others were images or lost). */
  title?: string;
  subject?: string;
  unit?: string;
  /** 栏次 printed over the value columns. */
  columnNos: number[];
  rows: PrintedRow[];
  notes: string[];
}

export interface PrintedT04 extends Omit<PrintedTable, 'rows' | 'columnNos'> {
  income: PrintedRow[];
  expense: PrintedRow[];
  incomeColumnNos: number[];
  expenseColumnNos: number[];
}

export interface PrintedT06 extends Omit<PrintedTable, 'rows' | 'columnNos'> {
  rows: PrintedRow[];
  /** The two footer figures with the labels printed under them. */
  footers: { label: string; value: string }[];
}

export interface QingshanhuTables {
  T03: PrintedTable;
  T04: PrintedT04;
  T05: PrintedTable;
  T06: PrintedT06;
  T07: PrintedTable;
  T08: PrintedTable;
  T09: PrintedTable;
}

/** Parses the printed tables of the sample. Throws when the text is not the one it knows. */
export function parseQingshanhuTables(text: string): QingshanhuTables {
  const part = text.slice(must(text, '第二部分'), must(text, '第三部分'));
  const t03End = '注：本表反映部门本年度各项支出情况。';
  const t03 = between(part, '草案03表', t03End, true);
  // T04 lost its 表号 in extraction; it is what follows T03's note.
  const t04 = between(part, t03End, '草案05表').slice(t03End.length);
  return {
    T03: functionalTable(t03),
    T04: parseT04(t04),
    T05: functionalTable(between(part, '草案05表', '草案06表')),
    T06: parseT06(between(part, '草案06表', '草案07表')),
    T07: lineTable(between(part, '草案07表', '[image: image8.emf]'), 2),
    T08: parseT08(between(part, '[image: image8.emf]', '[image: image9.emf]')),
    T09: lineTable(part.slice(must(part, '[image: image9.emf]')), 1),
  };
}

function must(text: string, marker: string, from = 0): number {
  const at = text.indexOf(marker, from);
  if (at < 0) throw new Error(`样本中找不到 “${marker}”`);
  return at;
}

function between(text: string, start: string, end: string, includeEnd = false): string {
  const from = must(text, start);
  const to = must(text, end, from + start.length);
  return text.slice(from, includeEnd ? to + end.length : to);
}

function lines(segment: string): string[] {
  return segment.split('\n').map((l) => l.replace(/\s+$/, ''));
}

function header(segment: string): Pick<PrintedTable, 'number' | 'subject' | 'unit' | 'notes'> {
  const number = /草案\d{2}表/.exec(segment)?.[0];
  const subject = /编制单位：\S+/.exec(segment)?.[0];
  const unit = /(?:金额单位|\s单位)：(\S+)/.exec(segment)?.[1];
  return {
    ...(number ? { number } : {}),
    ...(subject ? { subject } : {}),
    ...(unit ? { unit } : {}),
    notes: notes(segment),
  };
}

/** 注 lines; a note wrapped across lines runs on until its closing 。 */
function notes(segment: string): string[] {
  const found: string[] = [];
  const all = lines(segment).map((l) => l.trim());
  for (let i = 0; i < all.length; i++) {
    if (!all[i]?.startsWith('注：')) continue;
    let note = all[i] ?? '';
    while (!note.endsWith('。') && i + 1 < all.length) {
      i += 1;
      note += all[i] ?? '';
    }
    found.push(note);
  }
  return found;
}

function columnNos(segment: string, lead: RegExp): number[] {
  const line = lines(segment).find((l) => lead.test(l.trim()));
  if (!line) throw new Error(`找不到栏次行 ${lead}`);
  return [...line.replace(lead, '').matchAll(/\d+/g)].map((m) => Number(m[0]));
}

/** T03/T05: one row a line, name then amounts; two leading spaces mark a 项. */
function functionalTable(segment: string): PrintedTable {
  const rows: PrintedRow[] = [];
  for (const raw of lines(segment)) {
    const values: string[] = [];
    let rest = raw;
    for (let m = AMOUNT_AT_END.exec(rest); m; m = AMOUNT_AT_END.exec(rest)) {
      values.unshift(m[1] ?? '');
      rest = rest.slice(0, m.index);
    }
    const label = rest.trim();
    if (values.length === 0 || label === '' || /\d/.test(label)) continue;
    rows.push({ label, values });
  }
  return { ...header(segment), columnNos: columnNos(segment, /^栏次/), rows };
}

/** T07 (三公) and T09 (国有资产): label, 行次, then `width` cells ("0", "-"). */
function lineTable(segment: string, width: number): PrintedTable {
  const pattern = new RegExp(`^(.+?)\\s+(\\d+)${'\\s+(\\S+)'.repeat(width)}$`);
  const rows: PrintedRow[] = [];
  for (const raw of lines(segment)) {
    const m = pattern.exec(raw.trim());
    if (!m || m[1]?.startsWith('编制单位') || m[1] === '行次') continue;
    rows.push({ label: m[1] ?? '', line: Number(m[2]), values: m.slice(3) as string[] });
  }
  const title = imageTitle(segment);
  const nos = /^行次\s/m.test(segment) ? columnNos(segment, /^行次/) : [];
  return { ...header(segment), ...(title ? { title } : {}), columnNos: nos, rows };
}

/** Tables printed as images kept their title right after the image marker. */
function imageTitle(segment: string): string | undefined {
  return /\[image: [^\]]+\](\S+表)/.exec(segment)?.[1];
}

type Token = { kind: 'amount' | 'int' | 'text'; text: string };

function tokens(line: string): Token[] {
  const found: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i] ?? '';
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    AMOUNT.lastIndex = i;
    const amount = AMOUNT.exec(line);
    if (amount) {
      found.push({ kind: 'amount', text: amount[0] });
      i += amount[0].length;
      continue;
    }
    const run = /\d+|[^\d\s]+/y;
    run.lastIndex = i;
    const m = run.exec(line);
    const text = m?.[0] ?? ch;
    found.push({ kind: /^\d/.test(text) ? 'int' : 'text', text });
    i += text.length;
  }
  return found;
}

/**
 * T04: each printed line holds an income row (label, 行次, amount) and an expense row (label,
 * 行次, four amounts), glued together; blank rows show only their 行次.
 */
function parseT04(segment: string): PrintedT04 {
  const income: PrintedRow[] = [];
  const expense: PrintedRow[] = [];
  for (const raw of lines(segment)) {
    if (/^\s*栏/.test(raw)) continue;
    let label = '';
    let row: PrintedRow | undefined;
    for (const token of tokens(raw)) {
      if (token.kind === 'text') {
        label += token.text;
      } else if (token.kind === 'int') {
        row = { label, line: Number(token.text), values: [] };
        ((row.line ?? 0) <= 32 ? income : expense).push(row);
        label = '';
      } else if (row) {
        row.values.push(token.text);
      }
    }
  }
  const nos = columnNos(segment, /^栏\s*次/);
  const title = /^\s*(财政拨款收入支出决算总表)\s*$/m.exec(segment)?.[1];
  return {
    ...header(segment),
    ...(title ? { title } : {}),
    income,
    expense,
    incomeColumnNos: nos.slice(0, 1),
    expenseColumnNos: nos.slice(1),
  };
}

/**
 * T06: the three printed blocks come out interleaved as one stream of code, name (possibly wrapped
 * over several lines), amount — with each amount glued to the next code. A digit run longer than a
 * 款 code is the code plus stray digits. The two amounts after the last row are the footers.
 */
function parseT06(segment: string): PrintedT06 {
  const start = segment.search(/\n301 /);
  const end = segment.indexOf('注：');
  if (start < 0 || end < 0) throw new Error('草案06表的格式不是预期的样子');
  const rows: PrintedRow[] = [];
  const footerValues: string[] = [];
  let current: { code: string; name: string } | undefined;
  for (const token of tokens(segment.slice(start, end).replace(/\n/g, ' '))) {
    if (token.kind === 'int') {
      current = { code: token.text.length > 5 ? token.text.slice(0, 5) : token.text, name: '' };
    } else if (token.kind === 'text') {
      if (current) current.name += token.text;
    } else if (current) {
      rows.push({ code: current.code, label: current.name, values: [token.text] });
      current = undefined;
    } else {
      footerValues.push(token.text);
    }
  }
  const tail = segment.slice(start, end);
  const footerLabels = ['人员经费合计', '公用支出合计'].filter((label) => tail.includes(label));
  return {
    ...header(segment),
    rows,
    footers: footerValues.map((value, i) => ({ label: footerLabels[i] ?? '', value })),
  };
}

/** T08 (政府性基金) was printed empty: a 合计 line of zeros. */
function parseT08(segment: string): PrintedTable {
  const all = lines(segment).map((l) => l.trim());
  const at = all.indexOf('合计');
  const values =
    all
      .slice(at + 1)
      .find((l) => l !== '')
      ?.split(/\s+/) ?? [];
  const title = imageTitle(segment);
  return {
    ...header(segment),
    ...(title ? { title } : {}),
    columnNos: columnNos(segment, /^栏次/),
    rows: at < 0 ? [] : [{ label: '合计', values }],
  };
}
