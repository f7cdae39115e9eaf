/**
 * A minimal PDF writer for tests: pages of Helvetica text (ASCII) or Chinese text (the standard
 * STSong-Light font, not embedded: ASCII half an em wide, the rest 1 em), ruling lines and image-only pages, with
 * a correct cross-reference table. Coordinates are given from the top left, as the readers lay
 * pages out.
 */

export interface PdfText {
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  size?: number;
  text: string;
  /** Set in the Chinese font (any BMP text) instead of Helvetica. */
  cjk?: boolean;
  /** Extra space after every character (the Tc operator), as a justified line spreads its text. */
  charSpacing?: number;
  /** Filled, then stroked (text render mode 2): how a word processor makes a font look bold. */
  bold?: boolean;
}

export interface PdfPage {
  texts?: PdfText[];
  /** [x0, y0, x1, y1] from the top left. */
  lines?: [number, number, number, number][];
  /** Paint a grey image over the page (a scan). */
  image?: boolean;
  /** Paint the grey image into these boxes, [x0, y0, x1, y1] from the top left (a table as a picture). */
  pictures?: [number, number, number, number][];
}

const WIDTH = 595;
const HEIGHT = 842;

function escapeString(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

function content(page: PdfPage): string {
  const out: string[] = [];
  if (page.image) out.push(`q ${WIDTH} 0 0 ${HEIGHT} 0 0 cm /Im1 Do Q`);
  for (const [x0, y0, x1, y1] of page.pictures ?? []) {
    out.push(`q ${x1 - x0} 0 0 ${y1 - y0} ${x0} ${HEIGHT - y1} cm /Im1 Do Q`);
  }
  for (const [x0, y0, x1, y1] of page.lines ?? []) {
    out.push(`0.5 w ${x0} ${HEIGHT - y0} m ${x1} ${HEIGHT - y1} l S`);
  }
  for (const t of page.texts ?? []) {
    const shown = t.cjk
      ? `<${[...t.text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('')}>`
      : `(${escapeString(t.text)})`;
    out.push(
      `BT /${t.cjk ? 'F2' : 'F1'} ${t.size ?? 10} Tf ${t.bold ? 2 : 0} Tr ${t.charSpacing ?? 0} Tc ${t.x} ${HEIGHT - t.y} Td ${shown} Tj ET`,
    );
  }
  return out.join('\n');
}

export function buildPdf(pages: PdfPage[]): Buffer {
  const objects: (string | Buffer)[] = [];
  const add = (body: string | Buffer) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const descriptor = add(
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] ' +
      '/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  );
  const cjkFont = add(
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts ' +
      `[<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) ` +
      `/Ordering (GB1) /Supplement 4 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /W [1 95 500] >>] >>`,
  );
  const pixels = Buffer.alloc(16 * 16, 0x80);
  const image = add(
    Buffer.concat([
      Buffer.from(
        `<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n`,
      ),
      pixels,
      Buffer.from('\nendstream'),
    ]),
  );
  const kids: number[] = [];
  for (const page of pages) {
    const stream = content(page);
    const contents = add(
      `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    );
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${WIDTH} ${HEIGHT}] /Contents ${contents} 0 R ` +
          `/Resources << /Font << /F1 ${font} 0 R /F2 ${cjkFont} 0 R >> /XObject << /Im1 ${image} 0 R >> >> >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  return serializePdf(objects, catalog);
}

/**
 * The objects (numbered 1, 2, … in order) as a PDF file with its cross-reference table, `root`
 * being the number of the catalog object.
 */
export function serializePdf(objects: readonly (string | Buffer)[], root: number): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root ${root} 0 R >>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/** A ruled table: rows of cell texts at the given column edges, starting at `top`. */
export function ruledTable(rows: string[][], columns: number[], top: number, rowHeight = 20): PdfPage {
  const bottom = top + rows.length * rowHeight;
  const lines: [number, number, number, number][] = [];
  for (let r = 0; r <= rows.length; r++)
    lines.push([columns[0]!, top + r * rowHeight, columns.at(-1)!, top + r * rowHeight]);
  for (const x of columns) lines.push([x, top, x, bottom]);
  const texts: PdfText[] = [];
  rows.forEach((row, r) => {
    row.forEach((text, c) => {
      if (text) texts.push({ x: columns[c]! + 3, y: top + r * rowHeight + 14, text });
    });
  });
  return { lines, texts };
}
