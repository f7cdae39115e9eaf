/**
 * 政府收支分类科目 as versioned data. Each entry holds a code's name for a range of years, so a
 * rename (210 医疗卫生与计划生育支出 → 卫生健康支出 in 2019) is two entries of one code.
 */

export type Classification = 'functional' | 'economic';
export type CodeLevel = '类' | '款' | '项';

export interface CatalogEntry {
  classification: Classification;
  code: string;
  name: string;
  level: CodeLevel;
  /** First year the name is valid. */
  from: number;
  /** Last year the name is valid; null while still in force. */
  to: number | null;
  /** Confirmed in an official list or a real disclosure, not only from memory. */
  verified: boolean;
  source: string;
}

export const CLASSIFICATION_LABEL: Record<Classification, string> = {
  functional: '支出功能分类科目',
  economic: '支出经济分类科目',
};

/** 类/款/项 from the code's length: functional 3/5/7 digits, economic 3/5. */
export function levelOf(code: string): CodeLevel | undefined {
  if (!/^\d+$/.test(code)) return undefined;
  switch (code.length) {
    case 3:
      return '类';
    case 5:
      return '款';
    case 7:
      return '项';
    default:
      return undefined;
  }
}

/** The code one level up (2101501 → 21015 → 210), undefined for a 类. */
export function parentCode(code: string): string | undefined {
  if (code.length === 7) return code.slice(0, 5);
  if (code.length === 5) return code.slice(0, 3);
  return undefined;
}

export class Catalog {
  private readonly byCode: Record<Classification, Map<string, CatalogEntry[]>> = {
    functional: new Map(),
    economic: new Map(),
  };
  /**
   * `lookup` answers by classification and year, kept as asked: every package checked asks for
   * the names of its codes, mostly the same ones for the same year.
   */
  private readonly inForce: Record<Classification, Map<number, Map<string, CatalogEntry | null>>> = {
    functional: new Map(),
    economic: new Map(),
  };

  constructor(entries: Iterable<CatalogEntry>) {
    for (const entry of entries) {
      const byCode = this.byCode[entry.classification];
      const list = byCode.get(entry.code) ?? [];
      list.push(entry);
      byCode.set(entry.code, list);
    }
    for (const byCode of Object.values(this.byCode)) {
      for (const list of byCode.values()) list.sort((a, b) => a.from - b.from);
    }
  }

  /** The entry in force for `year`, or undefined when the code is unknown for that year. */
  lookup(classification: Classification, code: string, year: number): CatalogEntry | undefined {
    const byYear = this.inForce[classification];
    let known = byYear.get(year);
    if (!known) {
      known = new Map();
      byYear.set(year, known);
    }
    let entry = known.get(code);
    if (entry === undefined) {
      entry = this.history(classification, code).find(inForceIn(year)) ?? null;
      known.set(code, entry);
    }
    return entry ?? undefined;
  }

  nameOf(classification: Classification, code: string, year: number): string | undefined {
    return this.lookup(classification, code, year)?.name;
  }

  /** Every name the code has had, oldest first. */
  history(classification: Classification, code: string): readonly CatalogEntry[] {
    return this.byCode[classification].get(code) ?? [];
  }

  /** Codes in force for `year` whose parent is `code`, in code order. */
  children(classification: Classification, code: string, year: number): CatalogEntry[] {
    const found: CatalogEntry[] = [];
    for (const list of this.byCode[classification].values()) {
      const entry = list[0];
      if (!entry || parentCode(entry.code) !== code) continue;
      const current = this.lookup(classification, entry.code, year);
      if (current) found.push(current);
    }
    return found.sort((a, b) => a.code.localeCompare(b.code));
  }

  /** Every entry in force for `year`. */
  entries(classification: Classification, year: number): CatalogEntry[] {
    const found: CatalogEntry[] = [];
    const inForce = inForceIn(year);
    for (const list of this.byCode[classification].values()) {
      const current = list.find(inForce);
      if (current) found.push(current);
    }
    return found.sort((a, b) => a.code.localeCompare(b.code));
  }
}

const inForceIn =
  (year: number) =>
  (entry: CatalogEntry): boolean =>
    entry.from <= year && (entry.to === null || year <= entry.to);

const CATALOG_COLUMNS = ['code', 'name', 'level', 'from', 'to', 'verified', 'source'] as const;

/**
 * Reads a catalog TSV (columns: code, name, level, from, to, verified, source; `to` empty while in
 * force; verified yes/no). Throws with the line number on a malformed row: catalogs are shipped
 * data, so a bad row is a defect to fix, not user input.
 */
export function parseCatalogTsv(text: string, classification: Classification): CatalogEntry[] {
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.split('\t') ?? [];
  CATALOG_COLUMNS.forEach((column, i) => {
    if (header[i] !== column) throw new Error(`科目表表头第 ${i + 1} 列应为 ${column}，实际为 ${header[i]}`);
  });
  const entries: CatalogEntry[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const where = `第 ${index + 2} 行`;
    const [code = '', name = '', level = '', from = '', to = '', verified = '', source = ''] =
      line.split('\t');
    const expectedLevel = levelOf(code);
    if (!expectedLevel || expectedLevel !== level)
      throw new Error(`${where}：代码 ${code} 与级次 ${level} 不符`);
    if (!/^\d{4}$/.test(from) || (to !== '' && !/^\d{4}$/.test(to))) {
      throw new Error(`${where}：起止年度应为四位年份`);
    }
    if (verified !== 'yes' && verified !== 'no') throw new Error(`${where}：verified 应为 yes 或 no`);
    entries.push({
      classification,
      code,
      name,
      level: expectedLevel,
      from: Number(from),
      to: to === '' ? null : Number(to),
      verified: verified === 'yes',
      source,
    });
  });
  return entries;
}
