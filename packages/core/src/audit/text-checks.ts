/**
 * Checks on the document's words rather than its figures: 名词解释 coverage against the tables
 * (N-16, docs/rules.md#e-19: every 项 with spending explained, nothing explained that the tables
 * lack, no obsolete item, no stale 科目 name), and references to tables (N-19, docs/rules.md#e-18:
 * a cited 表号 must exist and carry the cited title; 表号 should be printed as the profile numbers
 * them).
 */
import type { Catalog } from '../catalog';
import type { Finding } from '../finding';
import type { Profile } from '../profile';
import { bareLabel, normalizeText } from '../text/normalize';
import type { TableView } from '../views';
import type { ClaimsProfile } from './claims-profile';
import { documentFinding } from './findings';
import type { RawLocation } from './raw';
import type { RecognizedTable } from './recognize';

const MENTION = /([\u4e00-\u9fa5]+)[（(](类|款|项)[）)]/g;

export function checkGlossary(
  glossary: readonly { text: string; location: RawLocation }[],
  views: readonly TableView[],
  catalog: Catalog,
  year: number,
  claims: ClaimsProfile | undefined,
): Finding[] {
  if (!glossary.length) return [];
  const text = glossaryText(glossary);
  const { printed, spent } = printedCodes(views, catalog, year);
  const mentioned = mentionsOf(text.joined);
  return [
    ...namesNotInTables(text, mentioned, printed, catalog, year),
    ...unexplainedCodes(text, mentioned, spent, catalog, year),
    ...obsoleteTerms(text, claims),
  ];
}

/** The 名词解释 as one text, with where in the document each offset was read. */
interface GlossaryText {
  joined: string;
  first: RawLocation;
  locationAt: (offset: number) => RawLocation;
}

function glossaryText(glossary: readonly { text: string; location: RawLocation }[]): GlossaryText {
  let joined = '';
  const starts: { offset: number; location: RawLocation }[] = [];
  for (const block of glossary) {
    starts.push({ offset: joined.length, location: block.location });
    joined += block.text;
  }
  const locationAt = (offset: number) =>
    [...starts].reverse().find((s) => s.offset <= offset)?.location ?? starts[0]!.location;
  return { joined, first: starts[0]!.location, locationAt };
}

type PrintedCode = { code: string; level: string; name: string };
type Mention = { name: string; level: string; offset: number };

/**
 * 科目 of the tables with spending, by level and name (T03 全部支出, T05 财政拨款, T02 收入), and
 * the 项 with spending.
 */
function printedCodes(
  views: readonly TableView[],
  catalog: Catalog,
  year: number,
): { printed: Map<string, PrintedCode>; spent: Set<string> } {
  const printed = new Map<string, PrintedCode>();
  const spent = new Set<string>();
  for (const view of views) {
    if (!['T02', 'T03', 'T05'].includes(view.id)) continue;
    for (const section of view.sections) {
      for (const row of section.rows) {
        if (!row.code || row.classification !== 'functional' || !row.level) continue;
        const name = bareLabel(catalog.nameOf('functional', row.code, year) ?? row.label);
        printed.set(`${row.level}:${name}`, { code: row.code, level: row.level, name });
        printed.set(`${row.level}:${bareLabel(row.label)}`, { code: row.code, level: row.level, name });
        const hasSpending = Object.values(row.cells).some((c) => c.value !== undefined && c.value !== 0n);
        if (hasSpending && row.level === '项' && view.id !== 'T02') spent.add(row.code);
      }
    }
  }
  return { printed, spent };
}

/** The 科目 the glossary names (…（类）, …（款）, …（项）), first mention of each. */
function mentionsOf(joined: string): Map<string, Mention> {
  const mentioned = new Map<string, Mention>();
  for (const m of joined.matchAll(MENTION)) {
    const name = bareLabel(m[1]!);
    const level = m[2]!;
    const key = `${level}:${name}`;
    if (!mentioned.has(key)) mentioned.set(key, { name: m[1]!, level, offset: m.index });
  }
  return mentioned;
}

/** N-14: a 科目 named by an old name; N-16: 科目 the tables do not have. */
function namesNotInTables(
  text: GlossaryText,
  mentioned: Map<string, Mention>,
  printed: Map<string, PrintedCode>,
  catalog: Catalog,
  year: number,
): Finding[] {
  const { locationAt, first } = text;
  const findings: Finding[] = [];
  const absent: string[] = [];
  for (const [key, mention] of mentioned) {
    if (printed.has(key)) continue;
    // A name the code carried in an earlier year (行政事业单位离退休 for 20805) is stale, not absent.
    const stale = [...printed.values()].find((p) =>
      catalog
        .history('functional', p.code)
        .some((e) => bareLabel(e.name) === bareLabel(mention.name) && (e.to ?? year) < year),
    );
    if (stale) {
      const current = catalog.nameOf('functional', stale.code, year) ?? stale.name;
      findings.push(
        documentFinding({
          id: `N-14@glossary:${stale.code}`,
          rule: 'N-14',
          category: 'glossary',
          location: { ...locationAt(mention.offset), section: '名词解释' },
          expected: `${current}（${mention.level}）`,
          found: `${mention.name}（${mention.level}）`,
          message: `名词解释中的“${mention.name}（${mention.level}）”是科目 ${stale.code} 的旧名称；${year} 年表中为“${current}”`,
        }),
      );
      continue;
    }
    absent.push(`${mention.name}（${mention.level}）`);
  }
  if (absent.length) {
    findings.push(
      documentFinding({
        id: 'N-16@glossary:absent',
        rule: 'N-16',
        category: 'glossary',
        location: { ...first, section: '名词解释' },
        found: absent.join('、'),
        message: `名词解释解释了表中没有的科目：${absent.join('、')}；名词解释应只解释本部门决算表中列示的科目`,
      }),
    );
  }
  return findings;
}

/** N-16: 项 with spending the glossary does not explain. */
function unexplainedCodes(
  text: GlossaryText,
  mentioned: Map<string, Mention>,
  spent: Set<string>,
  catalog: Catalog,
  year: number,
): Finding[] {
  const { first } = text;
  const findings: Finding[] = [];
  const mentionedNames = new Set(
    [...mentioned.values()].filter((m) => m.level === '项').map((m) => bareLabel(m.name)),
  );
  const unexplained = [...spent]
    .sort()
    .map((code) => ({ code, name: catalog.nameOf('functional', code, year) ?? code }))
    .filter((c) => !mentionedNames.has(bareLabel(c.name)));
  if (unexplained.length) {
    const list = unexplained.map((c) => `${c.code} ${c.name}（项）`).join('、');
    findings.push(
      documentFinding({
        id: 'N-16@glossary:missing',
        rule: 'N-16',
        category: 'glossary',
        location: { ...first, section: '名词解释' },
        expected: list,
        message: `表中有支出的项级科目未在名词解释中说明：${list}；支出功能科目应解释到项级`,
      }),
    );
  }
  return findings;
}

/** N-16: terms the claims profile knows to be obsolete. */
function obsoleteTerms(text: GlossaryText, claims: ClaimsProfile | undefined): Finding[] {
  const { joined, locationAt, first } = text;
  const findings: Finding[] = [];
  for (const { term, note } of claims?.obsolete ?? []) {
    const at = normalizeText(joined).indexOf(normalizeText(term));
    if (at < 0) continue;
    const offset = joined.indexOf(term);
    findings.push(
      documentFinding({
        id: `N-16@glossary:${term}`,
        rule: 'N-16',
        category: 'glossary',
        location: { ...(offset >= 0 ? locationAt(offset) : first), section: '名词解释' },
        found: term,
        message: `名词解释仍列有“${term}”：${note}`,
      }),
    );
  }
  return findings;
}

const REFERENCE = /(公开|草案)\s*(\d{1,2})\s*表(?:\s*[《<]([^》>]+)[》>])?/g;

/** Cited 表号 that do not exist or name another table; 表号 printed unlike the profile's. */
export function checkTableReferences(
  paragraphs: readonly { text: string; location: RawLocation }[],
  tables: readonly RecognizedTable[],
  profile: Profile,
): Finding[] {
  const findings: Finding[] = [];
  const digitsOf = (text: string) => Number(/(\d{1,2})/.exec(text)?.[1] ?? Number.NaN);
  for (const p of paragraphs) {
    for (const m of p.text.matchAll(REFERENCE)) {
      const cited = `${m[1]}${m[2]}表`;
      const digits = Number(m[2]);
      const title = m[3]?.trim();
      const byNumber = profile.tableDefs.find((d) => d.printed && digitsOf(d.number) === digits);
      const byTitle = title
        ? profile.tableDefs.find((d) => d.printed && normalizeText(d.title) === normalizeText(title))
        : undefined;
      const printedNumber = (id: string) => tables.find((t) => t.id === id)?.view.number;
      if (byNumber && (!byTitle || byTitle === byNumber)) continue;
      const right = byTitle
        ? `《${title}》在本套报表中为${byTitle.number}${printedNumber(byTitle.id) && printedNumber(byTitle.id) !== byTitle.number ? `（印为${printedNumber(byTitle.id)}）` : ''}`
        : '';
      findings.push(
        documentFinding({
          id: `N-19@${cited}:${p.location.line ?? p.location.page ?? ''}`,
          rule: 'N-19',
          category: 'narrative',
          location: { ...p.location, sentence: sentenceAround(p.text, m.index ?? 0) },
          found: m[0],
          ...(byTitle ? { expected: byTitle.number } : {}),
          message: byNumber
            ? `文中引用${cited}${title ? `《${title}》` : ''}，但${byNumber.number}是「${byNumber.title}」；${right}`
            : `文中引用的${cited}在本套报表中不存在${right ? `；${right}` : ''}`,
        }),
      );
    }
  }
  const draft = tables.filter((t) => {
    const printed = t.printedNumber;
    const def = profile.tableDefs.find((d) => d.id === t.id);
    return (
      printed &&
      def &&
      normalizeText(printed) !== normalizeText(def.number) &&
      digitsOf(printed) === digitsOf(def.number)
    );
  });
  if (draft.length) {
    findings.push(
      documentFinding({
        id: 'N-19@numbers',
        rule: 'N-19',
        category: 'structure',
        location: { ...draft[0]!.location, table: draft[0]!.id, tableNumber: draft[0]!.printedNumber! },
        found: draft.map((t) => t.printedNumber).join('、'),
        expected: draft.map((t) => profile.tableDefs.find((d) => d.id === t.id)!.number).join('、'),
        message: `表号印为${draft.map((t) => t.printedNumber).join('、')}，公开口径为${draft
          .map((t) => profile.tableDefs.find((d) => d.id === t.id)!.number)
          .join('、')}；公开文本应使用公开表号`,
      }),
    );
  }
  return findings;
}

function sentenceAround(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('。', index) + 1, 0);
  const end = text.indexOf('。', index);
  return text.slice(start, end < 0 ? text.length : end + 1).trim();
}
