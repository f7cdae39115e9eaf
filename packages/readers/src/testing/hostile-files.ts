/**
 * Hostile inputs built in memory, for the hostile-input tests and bench/hostile.ts: zip bombs, PDF
 * streams that inflate to gigabytes, deep and huge HTML, crafted text, wide tables, broken XML and
 * truncated files. Nothing large is committed: a bomb is a compressed unit repeated, so gigabytes
 * of content cost a few megabytes and are never held whole, here or by an honest reader. And, for
 * runs of the command, a look for processes a run left behind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import type { ReadErrorCode } from '../errors';
import { serializePdf } from './pdf-builder';

// ---- compressed runs -------------------------------------------------------------------------

/**
 * A raw deflate stream with what it inflates to: a zip entry needs its size and CRC-32, a PDF
 * stream (zlib format) its Adler-32.
 */
export interface Deflated {
  bytes: Buffer;
  /** Bytes it inflates to. */
  size: number;
  crc: number;
  adler: number;
}

export interface Run {
  unit: Buffer | string;
  times: number;
}

/**
 * `unit` repeated `times` over, one run after another, as one raw deflate stream. Each unit is
 * compressed once and ends on a sync flush (byte-aligned, no reference outside itself), so copies
 * of it can follow each other; an empty final block closes the stream. The checksums are combined
 * arithmetically: gigabytes are described without being produced.
 */
export function deflateRuns(runs: readonly Run[]): Deflated {
  const pieces: Buffer[] = [];
  let size = 0;
  let crc = 0;
  let adler = 1;
  for (const { unit, times } of runs) {
    const raw = Buffer.from(unit);
    const packed = deflateRawSync(raw, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
    for (let i = 0; i < times; i++) pieces.push(packed);
    const runSize = raw.length * times;
    crc = crc32Combine(crc, repeated(crc32(raw), raw.length, times, crc32Combine, 0), runSize);
    adler = adler32Combine(adler, repeated(adler32(raw), raw.length, times, adler32Combine, 1), runSize);
    size += runSize;
  }
  // A final fixed-Huffman block holding only its end-of-block code.
  pieces.push(Buffer.from([0x03, 0x00]));
  return { bytes: Buffer.concat(pieces), size, crc, adler };
}

type Combine = (first: number, second: number, secondLength: number) => number;

/** The checksum of `times` copies of a unit, by doubling: log(times) combinations. */
function repeated(
  unitSum: number,
  unitLength: number,
  times: number,
  combine: Combine,
  empty: number,
): number {
  let sum = empty;
  let power = unitSum;
  let powerLength = unitLength;
  for (let n = times; n > 0; n = Math.floor(n / 2)) {
    if (n % 2 === 1) sum = combine(sum, power, powerLength);
    power = combine(power, power, powerLength);
    powerLength *= 2;
  }
  return sum;
}

const CRC_POLYNOMIAL = 0xedb88320;

/** a·b modulo the CRC-32 polynomial, bits reflected as zlib keeps them. */
function multiplyModP(a: number, b: number): number {
  let product = 0;
  for (let bit = 0x80000000; bit !== 0; bit >>>= 1) {
    if (a & bit) product ^= b;
    b = b & 1 ? (b >>> 1) ^ CRC_POLYNOMIAL : b >>> 1;
  }
  return product >>> 0;
}

/** x^(8·bytes) modulo the polynomial: what appending that many bytes does to a CRC. */
function shiftFor(bytes: number): number {
  let result = 0x80000000;
  let square = 0x40000000; // x^1
  for (let n = bytes * 8; n > 0; n = Math.floor(n / 2)) {
    if (n % 2 === 1) result = multiplyModP(square, result);
    square = multiplyModP(square, square);
  }
  return result;
}

/** As zlib's crc32_combine: the CRC of A then B from the CRCs of A and B. */
function crc32Combine(first: number, second: number, secondLength: number): number {
  return (multiplyModP(shiftFor(secondLength), first) ^ second) >>> 0;
}

const ADLER_BASE = 65_521;

function adler32(bytes: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % ADLER_BASE;
    b = (b + a) % ADLER_BASE;
  }
  return b * 65_536 + a;
}

/** As zlib's adler32_combine. */
function adler32Combine(first: number, second: number, secondLength: number): number {
  const rem = secondLength % ADLER_BASE;
  const firstA = first % 65_536;
  const a = (firstA + (second % 65_536) + ADLER_BASE - 1) % ADLER_BASE;
  const b =
    (((rem * firstA) % ADLER_BASE) +
      Math.floor(first / 65_536) +
      Math.floor(second / 65_536) +
      ADLER_BASE -
      rem) %
    ADLER_BASE;
  return b * 65_536 + a;
}

/** The stream in zlib format, as a PDF's FlateDecode filter reads it. */
export function zlibWrapped(deflated: Deflated): Buffer {
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(deflated.adler);
  return Buffer.concat([Buffer.from([0x78, 0x9c]), deflated.bytes, trailer]);
}

const MiB = 1024 * 1024;

/** `text` repeated to fill one mebibyte, cut at a whole copy and padded with spaces. */
function mebibyteOf(text: string): Buffer {
  const copies = Math.floor(MiB / Buffer.byteLength(text));
  return Buffer.from(text.repeat(copies).padEnd(MiB, ' '));
}

// ---- zip (DOCX, XLSX) ------------------------------------------------------------------------

export interface ZipPart {
  name: string;
  /** Stored bytes, or deflated with the size and CRC it inflates to. */
  content: Uint8Array | string | Deflated;
  /** Uncompressed size written in the headers, when it is to lie about the real one. */
  declaredSize?: number;
}

/**
 * A zip archive written part by part as listed: duplicate names and any order are kept, which a
 * zip library would not allow. Plain zip only (no zip64): fewer than 65,535 parts under 4 GB.
 */
export function zipOf(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const packed = isDeflated(part.content) ? part.content : undefined;
    const data = packed ? packed.bytes : Buffer.from(part.content as Uint8Array | string);
    const size = part.declaredSize ?? (packed ? packed.size : data.length);
    const header = {
      method: packed ? 8 : 0,
      crc: packed ? packed.crc : crc32(data),
      compressed: data.length,
      size,
      name,
    };
    locals.push(zipHeader('local', header, offset), name, data);
    centrals.push(zipHeader('central', header, offset), name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function isDeflated(content: ZipPart['content']): content is Deflated {
  return typeof content === 'object' && 'crc' in content;
}

interface HeaderFields {
  method: number;
  crc: number;
  compressed: number;
  size: number;
  name: Buffer;
}

/** A local header, or the central one (two bytes further on and the local header's offset). */
function zipHeader(kind: 'local' | 'central', h: HeaderFields, localOffset: number): Buffer {
  const central = kind === 'central';
  const out = Buffer.alloc(central ? 46 : 30);
  const at = central ? 2 : 0;
  out.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
  if (central) out.writeUInt16LE(20, 4);
  out.writeUInt16LE(20, 4 + at);
  // Bit 11: the name is UTF-8.
  out.writeUInt16LE(0x800, 6 + at);
  out.writeUInt16LE(h.method, 8 + at);
  out.writeUInt32LE(h.crc >>> 0, 14 + at);
  out.writeUInt32LE(h.compressed, 18 + at);
  out.writeUInt32LE(h.size, 22 + at);
  out.writeUInt16LE(h.name.length, 26 + at);
  if (central) out.writeUInt32LE(localOffset, 42);
  return out;
}

const WORD_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A Word document whose body is `body` (WordprocessingML inside w:body). */
function docxOf(body: string, extra: readonly ZipPart[] = []): Buffer {
  return zipOf([
    { name: '[Content_Types].xml', content: WORD_TYPES },
    { name: 'word/document.xml', content: documentXml(body) },
    ...extra,
  ]);
}

function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`;
}

function wordParagraph(text: string): string {
  return `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
}

/** A Word table; a cell given as [text, span] spans that many grid columns. */
function wordTable(rows: readonly (readonly (string | readonly [string, number])[])[]): string {
  const cell = (c: string | readonly [string, number]) => {
    const [text, span] = typeof c === 'string' ? [c, 1] : c;
    const props = span > 1 ? `<w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr>` : '';
    return `<w:tc>${props}${wordParagraph(text)}</w:tc>`;
  };
  return `<w:tbl>${rows.map((r) => `<w:tr>${r.map(cell).join('')}</w:tr>`).join('')}</w:tbl>`;
}

const EXCEL_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const S = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** An Excel workbook of one sheet, “Sheet1”, whose sheetData is `sheet` (or its deflated bytes). */
function xlsxOf(sheetData: string | Deflated): Buffer {
  const sheet: ZipPart['content'] =
    typeof sheetData === 'string'
      ? `<worksheet xmlns="${S}"><sheetData>${sheetData}</sheetData></worksheet>`
      : sheetData;
  return zipOf([
    { name: '[Content_Types].xml', content: EXCEL_TYPES },
    {
      name: '_rels/.rels',
      content: `<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      content: `<workbook xmlns="${S}" xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      content: `<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    { name: 'xl/worksheets/sheet1.xml', content: sheet },
  ]);
}

/** Rows of inline-string and number cells, as sheetData. */
function sheetRows(rows: readonly (readonly (string | number)[])[]): string {
  return rows
    .map((row, r) => {
      const cells = row.map((value, c) => {
        const ref = `${columnName(c)}${r + 1}`;
        return typeof value === 'number'
          ? `<c r="${ref}"><v>${value}</v></c>`
          : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
      });
      return `<row r="${r + 1}">${cells.join('')}</row>`;
    })
    .join('');
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));
}

// ---- PDF ---------------------------------------------------------------------------------------

/**
 * A PDF of pages whose content streams are given deflated (FlateDecode), in Helvetica as /F1; the
 * cross-reference table is exact, so MuPDF reads it as it stands and does not repair it.
 */
function pdfOfStreams(contents: readonly Deflated[]): Buffer {
  const objects: Buffer[] = [];
  const add = (body: string | Buffer) =>
    objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(
    `<< /Type /Pages /Kids [${contents.map((_, i) => `${4 + 2 * i} 0 R`).join(' ')}] /Count ${contents.length} >>`,
  );
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  for (const [i, content] of contents.entries()) {
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${5 + 2 * i} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`,
    );
    add(
      Buffer.concat([
        Buffer.from(`<< /Length ${content.bytes.length + 6} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
        zlibWrapped(content),
        Buffer.from('\nendstream', 'latin1'),
      ]),
    );
  }
  return serializePdf(objects, 1);
}

/** A line of Helvetica text at (x, y) from the bottom left, as a content stream fragment. */
function pdfText(text: string, x: number, y: number): string {
  return `BT /F1 10 Tf ${x} ${y} Td (${text}) Tj ET\n`;
}

// ---- damage ------------------------------------------------------------------------------------

/** The first `fraction` of the file, as a download cut short leaves it. */
function truncated(bytes: Uint8Array, fraction: number): Buffer {
  return Buffer.from(bytes.subarray(0, Math.floor(bytes.length * fraction)));
}

// ---- the cases -----------------------------------------------------------------------------------

export interface HostileCase {
  id: string;
  /** The file name the case is read under; its extension is what a user would give it. */
  name: string;
  /** What the file is, for a table of results. */
  what: string;
  /** How a reader must refuse it, where only one answer is right. */
  refusedAs?: ReadErrorCode;
  build(): Buffer;
}

/** One line of a final-accounts narrative with figures, the n-th of a crafted series. */
function narrativeLine(n: number): string {
  return `一般公共预算财政拨款收入 ${n}.00 万元，比上年增长 ${n % 100}%，主要原因是增加了项目 ${n}。`;
}

/** A table row of a 支出决算表 printed as text: code, name and four amounts. */
function expenseRow(n: number): string {
  return `${2010101 + n}    行政运行    ${n}.00    ${n}.00    0.00    0.00`;
}

/** A small but real-looking disclosure page in Word: title, narrative and a short table. */
export function smallDocx(n: number): Buffer {
  const rows: string[][] = [['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出']];
  for (let i = 0; i < 8; i++)
    rows.push([`${2080501 + i}`, '行政单位离退休', `${n + i}.00`, `${n}.00`, `${i}.00`]);
  return docxOf(
    [
      wordParagraph(`某某局${n}号2024年度部门决算`),
      wordParagraph(narrativeLine(n)),
      wordParagraph('支出决算表'),
      wordTable(rows),
    ].join(''),
  );
}

/**
 * Every hostile case of the suite. Sizes are those the cases were found with (a 30 MB page, a
 * stream inflating to 4 GB, 500 pages of 8 MB, 20,000 crafted lines, 130,000 rows…).
 */
export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    id: 'html-nested-spans',
    name: 'nested.html',
    what: 'HTML of 500,000 nested <span>',
    build: () =>
      Buffer.from(
        `<html><body>${'<span>'.repeat(500_000)}收入 1.00 万元${'</span>'.repeat(500_000)}</body></html>`,
      ),
  },
  {
    id: 'html-30mb',
    name: 'page-30mb.html',
    what: 'HTML page of 30 MB of paragraphs',
    build: () => {
      const line = (n: number) => `<p>${narrativeLine(n)}</p>\n`;
      const lines: string[] = [];
      let bytes = 0;
      for (let n = 0; bytes < 30 * MiB; n++) {
        lines.push(line(n));
        bytes += Buffer.byteLength(lines.at(-1)!);
      }
      return Buffer.from(`<html><body>${lines.join('')}</body></html>`);
    },
  },
  {
    id: 'html-table-130k',
    name: 'table-130k.html',
    what: 'HTML table of 130,000 rows',
    build: () => {
      const rows = Array.from(
        { length: 130_000 },
        (_, n) => `<tr><td>${2010101 + n}</td><td>行政运行</td><td>${n}.00</td></tr>`,
      );
      return Buffer.from(`<html><body><table>${rows.join('')}</table></body></html>`);
    },
  },
  {
    id: 'html-rowspan',
    name: 'rowspan.html',
    what: 'HTML table of 2,000 cells each spanning 65,534 rows and 1,000 columns',
    build: () => {
      const row = '<td rowspan="65534" colspan="1000">1.00</td>'.repeat(50);
      return Buffer.from(`<html><body><table>${`<tr>${row}</tr>`.repeat(40)}</table></body></html>`);
    },
  },
  {
    id: 'pdf-inflate-4gb',
    name: 'inflate-4gb.pdf',
    what: 'PDF page whose content stream inflates to 4 GB of spaces',
    build: () =>
      pdfOfStreams([deflateRuns([{ unit: mebibyteOf(pdfText('Hostile', 72, 720)), times: 4 * 1024 - 1 }])]),
  },
  {
    id: 'pdf-path-1gb',
    name: 'path-1gb.pdf',
    what: 'PDF page with one path of 1 GB of segments',
    build: () =>
      pdfOfStreams([
        deflateRuns([
          { unit: pdfText('Hostile', 72, 720), times: 1 },
          { unit: '0 0 m\n', times: 1 },
          { unit: mebibyteOf('1 1 l 2 2 l\n'), times: 1024 },
          { unit: 'S\n', times: 1 },
        ]),
      ]),
  },
  {
    id: 'pdf-500-pages-8mb',
    name: 'pages-500x8mb.pdf',
    what: 'PDF of 500 pages, 8 MB of ruling strokes each',
    build: () => {
      const page = deflateRuns([
        { unit: pdfText('Page', 72, 800), times: 1 },
        { unit: mebibyteOf('10 10 m 500 10 l S\n'), times: 8 },
      ]);
      return pdfOfStreams(Array.from({ length: 500 }, () => page));
    },
  },
  {
    id: 'pdf-100k-pages',
    name: 'pages-100k.pdf',
    what: 'PDF of 100,000 one-line pages',
    build: () => {
      const page = deflateRuns([{ unit: pdfText('1.00', 72, 720), times: 1 }]);
      return pdfOfStreams(Array.from({ length: 100_000 }, () => page));
    },
  },
  {
    id: 'text-3000-lines',
    name: 'narrative-3000.txt',
    what: 'text of 3,000 crafted narrative lines',
    build: () => Buffer.from(Array.from({ length: 3_000 }, (_, n) => narrativeLine(n)).join('\n')),
  },
  {
    id: 'text-20000-lines',
    name: 'narrative-20000.txt',
    what: 'text of 20,000 crafted narrative lines',
    build: () => Buffer.from(Array.from({ length: 20_000 }, (_, n) => narrativeLine(n)).join('\n')),
  },
  {
    id: 'text-one-line-50mb',
    name: 'one-line.txt',
    what: 'text of one 50 MB line of figures and spaces',
    build: () =>
      Buffer.from('收入 1.00 万元 '.repeat(Math.floor((50 * MiB) / Buffer.byteLength('收入 1.00 万元 ')))),
  },
  {
    id: 'text-table-130k',
    name: 'rows-130k.txt',
    what: 'text table of 130,000 rows',
    build: () => Buffer.from(Array.from({ length: 130_000 }, (_, n) => expenseRow(n)).join('\n')),
  },
  {
    id: 'text-wide-table',
    name: 'wide.txt',
    what: 'text table of 300 rows of 5,000 amounts',
    build: () => {
      const row = (r: number) =>
        `${2010101 + r}\t行政运行\t${Array.from({ length: 5_000 }, (_, c) => `${c}.${r % 100}`).join('\t')}`;
      return Buffer.from(Array.from({ length: 300 }, (_, r) => row(r)).join('\n'));
    },
  },
  {
    id: 'text-400-digits',
    name: 'digits-400.txt',
    what: 'text table whose amounts have 400 digits',
    build: () => {
      const huge = '9'.repeat(398);
      const rows = Array.from(
        { length: 50 },
        (_, n) => `${2010101 + n}    行政运行    ${huge}.00    ${huge}.00`,
      );
      return Buffer.from(
        ['支出决算表', '单位：万元', ...rows, `合计    ${huge}.00    ${huge}.00`].join('\n'),
      );
    },
  },
  {
    id: 'text-control-chars',
    name: 'control.txt',
    what: 'text with control characters in names, figures and lines',
    build: () => {
      const lines = Array.from(
        { length: 2_000 },
        (_, n) => `某\u0001局\u0007${n}\u001b[31m    行政\u007f运行    ${n}.0\u00080    \u2028${n}.00\r`,
      );
      return Buffer.from(['部门\u0085决算\u000c', ...lines].join('\n'));
    },
  },
  {
    id: 'docx-20000-unpunctuated',
    name: 'unpunctuated.docx',
    what: 'DOCX of 20,000 paragraphs without punctuation',
    build: () =>
      docxOf(
        Array.from({ length: 20_000 }, (_, n) =>
          wordParagraph(`本年收入 ${n}.00 万元 支出 ${n}.00 万元 结余 0.00 万元`),
        ).join(''),
      ),
  },
  {
    id: 'docx-wide-merged',
    name: 'wide-merged.docx',
    what: 'DOCX table of 1,000 rows of 40 cells each spanning 5,000 columns',
    build: () => {
      const row = Array.from({ length: 40 }, (_, c) => [`${c}.00`, 5_000] as const);
      return docxOf(wordTable(Array.from({ length: 1_000 }, () => row)));
    },
  },
  {
    id: 'docx-bomb',
    name: 'bomb.docx',
    what: 'DOCX whose document part inflates to 4 GB (declared honestly)',
    refusedAs: 'zip-bomb',
    build: () =>
      zipOf([
        { name: '[Content_Types].xml', content: WORD_TYPES },
        {
          name: 'word/document.xml',
          content: deflateRuns([{ unit: Buffer.alloc(MiB, 0x20), times: 4 * 1024 - 1 }]),
        },
      ]),
  },
  {
    id: 'docx-bomb-lying',
    name: 'bomb-lying.docx',
    what: 'DOCX whose document part declares 100 KB and inflates to 2 GB',
    refusedAs: 'zip-bomb',
    build: () =>
      zipOf([
        { name: '[Content_Types].xml', content: WORD_TYPES },
        {
          name: 'word/document.xml',
          content: deflateRuns([{ unit: Buffer.alloc(MiB, 0x20), times: 2 * 1024 }]),
          declaredSize: 100 * 1024,
        },
      ]),
  },
  {
    id: 'docx-nested-bomb',
    name: 'nested-bomb.docx',
    what: 'DOCX carrying an embedded zip of ten 1 GB parts',
    build: () => {
      const gigabyte = deflateRuns([{ unit: Buffer.alloc(MiB, 0), times: 1024 }]);
      const inner = zipOf(
        Array.from({ length: 10 }, (_, i) => ({ name: `part${i}.bin`, content: gigabyte })),
      );
      return docxOf(wordParagraph('收入 1.00 万元。'), [
        { name: 'word/embeddings/package.zip', content: inner },
      ]);
    },
  },
  {
    id: 'docx-25000-entries',
    name: 'entries-25000.docx',
    what: 'DOCX of 25,000 zip entries',
    build: () =>
      docxOf(
        wordParagraph('收入 1.00 万元。'),
        Array.from({ length: 25_000 }, (_, i) => ({ name: `word/media/p${i}.xml`, content: '<x/>' })),
      ),
  },
  {
    id: 'docx-duplicate-entries',
    name: 'duplicate.docx',
    what: 'DOCX with its document part twice, the second 100 MB',
    build: () =>
      docxOf(wordParagraph('收入 1.00 万元。'), [
        {
          name: 'word/document.xml',
          content: deflateRuns([{ unit: mebibyteOf(wordParagraph('重复')), times: 100 }]),
        },
      ]),
  },
  {
    id: 'docx-control-chars',
    name: 'control.docx',
    what: 'DOCX whose XML holds raw control characters',
    refusedAs: 'corrupt',
    build: () => docxOf(`<w:p><w:r><w:t>某\u0001局\u0000 1.00 万元\u001b</w:t></w:r></w:p>`),
  },
  {
    id: 'docx-truncated',
    name: 'truncated.docx',
    what: 'DOCX cut off at half its length',
    refusedAs: 'corrupt',
    build: () => truncated(smallDocx(1), 0.5),
  },
  {
    id: 'xlsx-bomb',
    name: 'bomb.xlsx',
    what: 'XLSX whose sheet inflates to 4 GB',
    refusedAs: 'zip-bomb',
    build: () => xlsxOf(deflateRuns([{ unit: Buffer.alloc(MiB, 0x20), times: 4 * 1024 - 1 }])),
  },
  {
    id: 'xlsx-60k-rows',
    name: 'rows-60k.xlsx',
    what: 'XLSX sheet of 60,000 rows of five cells',
    build: () =>
      xlsxOf(sheetRows(Array.from({ length: 60_000 }, (_, n) => [2010101 + n, '行政运行', n, n, 0]))),
  },
  {
    id: 'xlsx-control-chars',
    name: 'control.xlsx',
    what: 'XLSX whose cell text holds raw control characters',
    build: () => xlsxOf('<row r="1"><c r="A1" t="inlineStr"><is><t>某\u0001局\u0000</t></is></c></row>'),
  },
  {
    id: 'xlsx-truncated',
    name: 'truncated.xlsx',
    what: 'XLSX cut off at 90 % of its length',
    refusedAs: 'corrupt',
    build: () =>
      truncated(
        xlsxOf(
          sheetRows([
            ['科目编码', '金额'],
            ['2010101', 1],
          ]),
        ),
        0.9,
      ),
  },
  {
    id: 'pdf-truncated',
    name: 'truncated.pdf',
    what: 'PDF cut off at half its length',
    build: () =>
      truncated(
        pdfOfStreams(
          Array.from({ length: 4 }, (_, i) => deflateRuns([{ unit: pdfText(`${i}.00`, 72, 720), times: 1 }])),
        ),
        0.5,
      ),
  },
];

// ---- what outlives a run -----------------------------------------------------------------------

/** The environment variable that marks a run's processes: every child inherits it. */
export const RUN_MARK = 'JUESUAN_HOSTILE_RUN';

/**
 * The processes still alive whose environment carries `RUN_MARK=mark`: what a command left running
 * after it ended (a MuPDF or LibreOffice child it did not stop). Linux only, through /proc.
 */
export function leftRunning(mark: string): { pid: number; command: string }[] {
  const wanted = `${RUN_MARK}=${mark}\0`;
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, 'latin1').includes(wanted)) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      found.push({ pid: Number(entry), command });
    } catch {
      // Gone while being looked at, or not ours to read: not left running by this run.
    }
  }
  return found;
}
