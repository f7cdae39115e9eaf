/**
 * Parts of document.xml written as XML text, where docx would build, prepare and serialise an
 * object for every element: the tables (docx-table.ts) and the plain paragraphs of the narrative.
 * docx lays out the rest of the document with a placeholder element where each of them goes, and
 * their text takes the placeholders' places in the document.xml docx compiled. Each writes what
 * docx writes for the same content, byte for byte (render.test.ts compares the whole body).
 */
import { FileChild, type IXmlableObject } from 'docx';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
  '<': '&lt;',
  '>': '&gt;',
};

/** Text as docx's serialiser escapes it: the five XML entities, and control characters dropped. */
export const escapeXml = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 cannot hold them; docx drops them too.
  text.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (char) => ESCAPES[char] ?? '');

/** A run of text, highlighted yellow as docx's TextRun with `highlight: 'yellow'` writes it. */
export function runXml(text: string, highlighted = false): string {
  const properties = highlighted ? '<w:rPr><w:highlight w:val="yellow"/></w:rPr>' : '';
  return `<w:r>${properties}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

/** A paragraph of a style and its runs, as docx's Paragraph with `style` (and `pageBreakBefore`). */
export function paragraphXml(style: string, pageBreak: boolean, runs: string[]): string {
  const properties = `<w:pStyle w:val="${escapeXml(style)}"/>${pageBreak ? '<w:pageBreakBefore/>' : ''}`;
  return `<w:p><w:pPr>${properties}</w:pPr>${runs.join('')}</w:p>`;
}

const PLACEHOLDER_TAG = 'juesuan:xml';
const PLACEHOLDER = /<juesuan:xml n="(\d+)"\/>/g;

/** Where written XML goes in the body: an empty element naming it, numbered when docx writes it. */
class Placeholder extends FileChild {
  constructor(
    private readonly parts: PreparedXml,
    private readonly xml: string,
    /** The same content as docx's own element, where the body needs one. */
    readonly docx: (() => FileChild) | undefined,
  ) {
    super(PLACEHOLDER_TAG);
  }

  override prepForXml(): IXmlableObject {
    return { [PLACEHOLDER_TAG]: { _attr: { n: this.parts.keep(this.xml) } } };
  }
}

/**
 * The XML written for one document, each part standing in the body as a placeholder until filled
 * in. A part is kept (as UTF-8: most of document.xml) when docx writes its placeholder, so one
 * left out of the body is not expected there.
 */
export class PreparedXml {
  private readonly parts: Buffer[] = [];

  /** The element to put in the body where the XML goes; `docx` makes docx's own for the same. */
  add(xml: string, docx?: () => FileChild): FileChild {
    return new Placeholder(this, xml, docx);
  }

  /**
   * docx's own element for a placeholder that has one, else the element itself: docx writes a
   * section's properties into the section's last paragraph, which must be its Paragraph.
   */
  static asDocx(child: FileChild): FileChild {
    return child instanceof Placeholder && child.docx ? child.docx() : child;
  }

  /** @internal Keeps the XML of a placeholder docx writes; returns its number. */
  keep(xml: string): number {
    this.parts.push(Buffer.from(xml, 'utf8'));
    return this.parts.length - 1;
  }

  /** A document.xml docx wrote, as UTF-8 with every placeholder replaced by its XML. */
  fill(documentXml: string): Buffer {
    const pieces: Buffer[] = [];
    let from = 0;
    for (const match of documentXml.matchAll(PLACEHOLDER)) {
      pieces.push(Buffer.from(documentXml.slice(from, match.index), 'utf8'), this.parts[Number(match[1])]!);
      from = match.index + match[0].length;
    }
    const filled = pieces.length / 2;
    if (filled !== this.parts.length) {
      throw new Error(
        `DOCX 预写内容数目不符：写出 ${this.parts.length} 段，document.xml 中有 ${filled} 个位置`,
      );
    }
    pieces.push(Buffer.from(documentXml.slice(from), 'utf8'));
    return Buffer.concat(pieces);
  }
}
