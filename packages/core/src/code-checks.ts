/**
 * Classification checks on table views (科目): every code printed must be in force for the report
 * year, print the year's name, and sit under its parent. For a package the views take names from
 * the catalog, so mostly validity fires; for a document read back, all three can.
 */
import { type Catalog, type CatalogEntry, CLASSIFICATION_LABEL, parentCode } from './catalog';
import { CLASSIFICATION_RULES } from './classification-rules';
import { type Finding, makeFinding, rowPlace } from './finding';
import { boundedMemo } from './memo';
import type { RowView, TableView } from './views';

export function checkCodes(views: readonly TableView[], catalog: Catalog, year: number): Finding[] {
  const findings: Finding[] = [];
  for (const view of views) {
    for (const section of view.sections) {
      const codes = new Set<string>();
      for (const r of section.rows) if (r.code && r.code !== '*') codes.add(r.code);
      for (const row of section.rows) {
        if (!row.code || row.code === '*' || !row.classification) continue;
        const classification = row.classification;
        const entry = catalog.lookup(classification, row.code, year);
        const label = CLASSIFICATION_LABEL[classification];
        if (!entry) {
          const last = catalog.history(classification, row.code).at(-1);
          findings.push(
            finding('C-01', view, row, {
              message:
                `${view.number}「${row.label}」的科目代码 ${row.code} 不在 ${year} 年${label}中` +
                (last ? `（该代码为 ${last.from}–${last.to ?? ''} 年的“${last.name}”）` : '') +
                '；请核对代码',
            }),
          );
        } else {
          const stale = staleName(catalog.history(classification, row.code), entry, row.label);
          if (stale) {
            findings.push(
              finding('C-02', view, row, {
                message:
                  `${view.number} 科目 ${row.code} 印为“${row.label}”，这是 ${stale.from}–${stale.to ?? ''} 年的旧名称；` +
                  `${year} 年应为“${entry.name}”`,
              }),
            );
          }
        }
        const parent = parentCode(row.code);
        if (parent && !codes.has(parent)) {
          findings.push(
            finding('C-03', view, row, {
              message: `${view.number} 列出了 ${row.code}「${row.label}」，却没有其上级科目 ${parent} 的行`,
            }),
          );
        }
      }
    }
  }
  return findings;
}

/**
 * The entry of another year whose name is the one printed. Only a name the code carried in another
 * year is a sure error (医疗卫生与计划生育支出 in a 2021 report). Other differences are regional
 * wording (江西 prints 公务员医疗补助缴款) or print truncation, which the catalog cannot judge.
 */
function staleName(
  history: readonly CatalogEntry[],
  entry: CatalogEntry,
  label: string,
): CatalogEntry | undefined {
  // Most codes have had one name: nothing to compare (and no names to normalise) then.
  if (history.length < 2) return undefined;
  const printed = normalizeName(label);
  return history.find(
    (old) => old !== entry && normalizeName(old.name) === printed && printed !== normalizeName(entry.name),
  );
}

/**
 * Names compare without spaces, line-wrap artefacts and the numbering of T01/T04 rows (一、…).
 * Memoised: the same names come back for every package checked.
 */
const normalizeName = boundedMemo(
  (name) => name.replace(/[\s　]/g, '').replace(/^[一二三四五六七八九十]+、/, ''),
  20_000,
);

function finding(
  ruleId: keyof typeof CLASSIFICATION_RULES,
  view: TableView,
  row: RowView,
  { message }: { message: string },
): Finding {
  const rule = CLASSIFICATION_RULES[ruleId];
  const address = `${view.id}[${row.code}]`;
  return makeFinding({
    id: `${ruleId}@${address}`,
    rule: ruleId,
    severity: rule.severity,
    category: 'code',
    title: rule.title,
    places: [
      {
        kind: 'cell',
        table: view.id,
        tableNumber: view.number,
        row: rowPlace(row),
        address,
      },
    ],
    message,
  });
}
