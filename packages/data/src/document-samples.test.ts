/**
 * The disclosure document built from the sample packages with the shipped profiles (wording in
 * profiles/<id>/narrative/, 名词解释 in profiles/<id>/glossary.json and catalogs/definitions.tsv):
 * - Jingdezhen 2024 states the figures of the published 情况说明 §一–§八 (S2), except where the
 *   published text is wrong or was computed from 元 figures the package does not have — each such
 *   difference is listed with its reason;
 * - every figure recomputes from the facts it names, and every number of 第三部分 is a figure
 *   (the traceability test);
 * - the Shanghai profile builds its 十一 sections and a paragraph per 项 for a synthetic package;
 * - jiangxi-2020 builds for the Qingshanhu package.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  type Block,
  buildDocument,
  type DataPackage,
  type DocumentContext,
  type DocumentView,
  defineCode,
  glossaryCodes,
  keyOf,
  narrativeFindings,
  type ParagraphBlock,
  paragraphText,
  type Run,
  recomputeFigure,
} from '@juesuan/core';
import { generatePackage } from '@juesuan/core/testing';
import {
  EXAMPLES_DIR,
  listProfiles,
  loadCatalog,
  loadDefinitions,
  loadGlossary,
  loadNarrative,
  loadProfile,
  readPackageFile,
} from './files';

const catalog = loadCatalog();

function contextFor(profileId: string): DocumentContext {
  return {
    profile: loadProfile(profileId),
    catalog,
    narrative: loadNarrative(profileId),
    glossary: loadGlossary(profileId),
  };
}

function readExample(file: string): DataPackage {
  const { package: pkg, issues } = readPackageFile(join(EXAMPLES_DIR, file), { catalog });
  assert.ok(pkg, `样例数据包 ${file} 无法读取：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`);
  return pkg;
}

function paragraphs(blocks: readonly Block[]): ParagraphBlock[] {
  return blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph');
}

function narrativePart(doc: DocumentView) {
  const part = doc.parts.find((p) => p.id === 'narrative');
  assert.ok(part, '文档没有第三部分');
  return part;
}

/** The blocks of the 情况说明 section whose heading starts with `numeral` (一、…). */
function section(doc: DocumentView, numeral: string): Block[] {
  const blocks = narrativePart(doc).blocks;
  const start = blocks.findIndex(
    (b) => b.kind === 'heading' && b.level === 1 && b.text.startsWith(`${numeral}、`),
  );
  assert.ok(start >= 0, `第三部分没有「${numeral}、」`);
  const rest = blocks.slice(start + 1);
  const end = rest.findIndex((b) => b.kind === 'heading' && b.level === 1);
  return end < 0 ? rest : rest.slice(0, end);
}

function figureTexts(blocks: readonly Block[]): string[] {
  return paragraphs(blocks).flatMap((p) => p.runs.filter((r) => r.kind === 'figure').map((r) => r.text));
}

function allRuns(doc: DocumentView): Run[] {
  return doc.parts.flatMap((p) => paragraphs(p.blocks).flatMap((b) => b.runs));
}

/**
 * Numbers printed as text in 第三部分 that are not figures: years and the 12月31日 date, list
 * numbering (1、), and the fixed 单价100万元（含）/ 单价50万元（含）thresholds of the asset
 * categories. User-written text (reasons, purposes) is taken out before looking.
 */
function untracedNumbers(doc: DocumentView, pkg: DataPackage): string[] {
  const written = Object.values(pkg.narrative.reasons).map((r) => r.replace(/[。；;，,.\s]+$/u, ''));
  const problems: string[] = [];
  for (const paragraph of paragraphs(narrativePart(doc).blocks)) {
    paragraph.runs.forEach((run, i) => {
      if (run.kind !== 'text') return;
      let text = run.text;
      for (const reason of written) if (reason) text = text.replaceAll(reason, '');
      text = text
        .replace(/\d{4}年(度|12月31日)?/g, '')
        .replace(/单价(50|100)万元（含）/g, '')
        .replace(i === 0 ? /^\d+、/ : /^$/, '');
      for (const match of text.matchAll(/\d+(\.\d+)?/g)) {
        problems.push(`「${paragraphText(paragraph).slice(0, 40)}…」中的 ${match[0]}`);
      }
    });
  }
  return problems;
}

describe('Jingdezhen 2024 (S2) with jiangxi-2024', () => {
  const pkg = readExample('jingdezhen-2024.json');
  const context = contextFor('jiangxi-2024');
  const doc = buildDocument(pkg, context);
  const sample = readFileSync(new URL('./testing/samples/jingdezhen-2024.txt', import.meta.url), 'utf8');
  const published = sample.slice(sample.indexOf('## 第三部分'), sample.indexOf('## 九、预算绩效情况说明'));

  /**
   * The figures of the published §一–§八, in the order printed (transcribed from the sample text;
   * the test checks each appears there). Counts as printed (0 个, 10 批).
   */
  const PUBLISHED: Record<string, string[]> = {
    一: [
      '940.51',
      '0.01',
      '10.22',
      '99.91',
      '0.00',
      '940.50',
      '1.62',
      '0.17',
      ...['940.49', '100.00'],
      ...Array(10).fill('0.00'),
    ],
    二: [
      '940.51',
      '940.49',
      '8.46',
      '0.89',
      '0.00',
      '0.01',
      '0.15',
      '91.78',
      '685.21',
      '72.86',
      '255.28',
      '27.14',
      ...Array(6).fill('0.00'),
    ],
    三: [
      '839.32',
      '940.49',
      '112.05',
      '77.15',
      '83.45',
      '108.16',
      '717.15',
      '812.03',
      '113.23',
      '45.02',
      '45.02',
      '100.00',
    ],
    四: [
      '685.21',
      '627.94',
      '51.57',
      '8.95',
      '53.05',
      '118.44',
      '69.07',
      '0.25',
      '1.80',
      '88.00',
      '3.98',
      '3.98',
    ],
    五: [
      ...['1.02', '1.02', '100.00', '0.30', '22.48'],
      ...['0.00', '0.00', '0', '0'],
      ...['0.00', '0.00'],
      ...['0.00', '0.00', '0'],
      ...['0.00', '0.00', '0'],
      ...['1.02', '1.02', '100.00', '0.30', '22.48', '10', '87'],
    ],
    六: ['57.03', '114.46', '66.74'],
    七: ['97.74', '11.52', '0.00', '86.22', '97.74', '100.00', '97.74', '100.00', '100', '0', '100'],
    八: Array(10).fill('0'),
  };

  /**
   * Where our figure differs from the published one. Rates are computed from the package's 万元
   * figures (2 decimals, half-up); the published rates that differ were evidently computed from
   * 元 figures the package does not carry (docs/rounding.md#interval: such rates cannot be checked
   * from 万元), or break a wording rule.
   */
  const DIFFERENCES: {
    section: string;
    index: number;
    published: string;
    ours: string | null;
    why: string;
  }[] = [
    {
      section: '一',
      index: 3,
      published: '99.91',
      ours: '99.90',
      why: '年初结转和结余 10.22 ÷ 10.23 = 99.902%（已公开的比率由元数计算）',
    },
    {
      section: '二',
      index: 7,
      published: '91.78',
      ours: '93.75',
      why: '年末结转和结余 0.15 ÷ 0.16 = 93.75%（元数计算；0.01 万元级的数额以万元无法复核）',
    },
    {
      section: '三',
      index: 5,
      published: '108.16',
      ours: '108.17',
      why: '83.45 ÷ 77.15 = 108.166%，四舍五入为 108.17%',
    },
    { section: '四', index: 9, published: '88.00', ours: '87.80', why: '1.80 ÷ 2.05 = 87.80%' },
    {
      section: '五',
      index: 4,
      published: '22.48',
      ours: '22.73',
      why: '“三公”经费 0.30 ÷ 1.32 = 22.73%（已公开的比率由元数计算，见 docs/rounding.md#interval 区间复核）',
    },
    { section: '五', index: 21, published: '22.48', ours: '22.73', why: '公务接待费，同上' },
    { section: '七', index: 8, published: '100', ours: '100.00', why: '百分比一律两位小数（N-18）' },
    {
      section: '七',
      index: 9,
      published: '0',
      ours: null,
      why: '工程采购为 0，占比无分母，不作表述（N-05 同理）',
    },
    { section: '七', index: 10, published: '100', ours: '100.00', why: '百分比一律两位小数（N-18）' },
  ];

  it('the transcribed published figures are the sample’s', () => {
    const squashed = published.replace(/\s+/g, '');
    for (const [numeral, figures] of Object.entries(PUBLISHED)) {
      for (const figure of new Set(figures)) {
        assert.ok(squashed.includes(figure), `已公开的 §${numeral} 中没有 ${figure}`);
      }
    }
  });

  for (const [numeral, figures] of Object.entries(PUBLISHED)) {
    it(`§${numeral} states the published figures, computed from the package`, () => {
      const expected = [...figures];
      for (const d of DIFFERENCES.filter((d) => d.section === numeral).sort((a, b) => b.index - a.index)) {
        assert.equal(
          expected[d.index],
          d.published,
          `§${numeral} 第 ${d.index} 个数应为已公开的 ${d.published}`,
        );
        if (d.ours === null) expected.splice(d.index, 1);
        else expected[d.index] = d.ours;
      }
      assert.deepEqual(figureTexts(section(doc, numeral)), expected);
    });
  }

  it('uses every reason the package gives where the wording asks for one, verbatim', () => {
    const text = paragraphs(narrativePart(doc).blocks).map(paragraphText).join('\n');
    for (const id of [
      'income.total.yoy',
      'expense.total.yoy',
      'balance.closing.yoy',
      'budget.fiscal.208',
      'budget.fiscal.210',
      'basicEcon.301.yoy',
      'basicEcon.302.yoy',
      'basicEcon.303.yoy',
      'basicEcon.310.yoy',
      'threePublic.reception.yoy',
      'threePublic.reception.activity',
      'operatingCost.yoy',
    ]) {
      assert.ok(text.includes(pkg.narrative.reasons[id]!), `情况说明未使用 narrative.reasons["${id}"]`);
    }
    assert.match(text, /本年收入合计940\.50万元，比上年增加1\.62万元，增长0\.17%，主要原因：新增公务员3人。/);
  });

  it('asks for nothing else: every reason the wording needs is in the package', () => {
    const findings = narrativeFindings(pkg, context).filter((f) => f.id !== 'N-REASON@performance');
    assert.deepEqual(findings, []);
  });

  it('without performance data, §九 is a placeholder and one warning', () => {
    const { performance: _performance, ...rest } = pkg;
    const bare: DataPackage = rest;
    const placeholder = paragraphs(section(buildDocument(bare, context), '九'))[0]?.runs[0];
    assert.deepEqual(placeholder, {
      kind: 'placeholder',
      text: '【数据包未含绩效自评数据，请填写预算绩效情况说明】',
      statement: 'performance',
    });
    assert.deepEqual(
      narrativeFindings(bare, context).map((f) => f.id),
      ['N-REASON@performance'],
    );
  });

  it('every figure recomputes from the facts it lists', () => {
    const figures = allRuns(doc).filter((r) => r.kind === 'figure');
    assert.ok(figures.length > 100);
    for (const run of figures) {
      assert.equal(
        recomputeFigure(run.figure, pkg),
        run.figure.value,
        `${run.text} ← ${run.figure.facts.join(' | ')}`,
      );
      for (const key of run.figure.facts) {
        const prior = key.startsWith('上年:');
        const set = prior ? pkg.priorYear : pkg.facts;
        assert.ok(set?.has(prior ? key.slice(3) : key), `${run.text} 引用了数据包中没有的事实 ${key}`);
      }
    }
  });

  it('every number in 第三部分 traces to a package fact', () => {
    assert.deepEqual(untracedNumbers(doc, pkg), []);
  });

  it('a missing reason is a placeholder and exactly one warning naming the statement', () => {
    const { 'income.total.yoy': _removed, ...reasons } = pkg.narrative.reasons;
    const without: DataPackage = { ...pkg, narrative: { ...pkg.narrative, reasons } };
    const income = paragraphs(section(buildDocument(without, context), '一'))[0]!;
    assert.ok(
      income.runs.some(
        (r) =>
          r.kind === 'placeholder' && r.statement === 'income.total.yoy' && r.text === '【请填写主要原因】',
      ),
    );
    const findings = narrativeFindings(without, context).filter((f) => f.rule === 'N-12');
    assert.deepEqual(
      findings.map((f) => f.message),
      [
        '情况说明「一、收入决算情况说明」本年收入合计比上年增加 1.62 万元，增长 0.17%，缺少主要原因（narrative.reasons["income.total.yoy"]）',
      ],
    );
  });

  it('keeps the empty 政府性基金 table (公开07表) with its layout; its statement is note 2', () => {
    const tables = doc.parts.find((p) => p.id === 'tables')!.blocks;
    const t07 = tables.find((b) => b.kind === 'table' && b.table.id === 'T07');
    assert.ok(t07?.kind === 'table');
    assert.equal(t07.table.empty, true);
    assert.equal(t07.table.sections[0]!.columns.length, 6);
    assert.ok(t07.table.notes.some((n) => n.includes('无政府性基金预算财政拨款收入、支出')));
  });

  it('lists the ten tables and the nine sections in the 目录', () => {
    const toc = (id: string) =>
      doc.parts
        .find((p) => p.id === id)!
        .blocks.filter((b) => b.kind === 'heading' && b.toc)
        .map((b) => (b.kind === 'heading' ? b.text : ''));
    assert.equal(toc('tables').length, 10);
    assert.equal(toc('tables')[9], '十、国有资产占用情况表');
    assert.deepEqual(
      toc('narrative').map((t) => t.slice(0, t.indexOf('、'))),
      ['一', '二', '三', '四', '五', '六', '七', '八', '九'],
    );
  });
});

describe('shipped narratives and glossaries', () => {
  it('load for every profile', () => {
    for (const id of listProfiles()) {
      assert.equal(loadNarrative(id).profile, id);
      assert.equal(loadGlossary(id).profile, id);
    }
  });

  it('definitions.tsv defines every code the three sample packages spend under', () => {
    const definitions = loadDefinitions();
    for (const file of ['jingdezhen-2024.json', 'qingshanhu-2020.json', 'two-unit-2024.json']) {
      const pkg = readExample(file);
      const name = (code: string) => catalog.nameOf('functional', code, pkg.department.year) ?? code;
      const codes = glossaryCodes(pkg);
      assert.ok(codes.length > 0);
      const missing = codes.filter((c) => defineCode(c, pkg.department.year, definitions, name).fallback);
      assert.deepEqual(missing, [], `${file} 中没有说明的科目`);
    }
  });
});

describe('Shanghai 2024 for a synthetic package', () => {
  const pkg = generatePackage({ seed: 7, catalog, profile: 'shanghai-2024', units: 2 });
  const context = contextFor('shanghai-2024');
  const doc = buildDocument(pkg, context);

  it('has the template’s 十一 sections and no 附件 part', () => {
    assert.deepEqual(
      narrativePart(doc)
        .blocks.filter((b) => b.kind === 'heading' && b.level === 1)
        .map((b) => (b.kind === 'heading' ? b.text : '')),
      [
        '一、收入支出决算总体情况说明',
        '二、收入决算情况说明',
        '三、支出决算情况说明',
        '四、财政拨款收入支出决算总体情况说明',
        '五、一般公共预算财政拨款支出决算情况说明',
        '六、一般公共预算财政拨款基本支出决算情况说明',
        '七、财政拨款“三公”经费支出决算情况说明',
        '八、政府性基金预算财政拨款收入支出决算情况说明',
        '九、国有资本经营预算财政拨款收入支出决算情况说明',
        '十、预算绩效管理情况',
        '十一、其他重要事项的情况说明',
      ],
    );
    assert.deepEqual(
      doc.parts.map((p) => p.id),
      ['overview', 'tables', 'narrative', 'glossary'],
    );
  });

  it('states every 项 of 一般公共预算 with 年初预算 and 决算, in code order', () => {
    const items = [...pkg.facts.facts('expense')]
      .filter(
        ({ fact, value }) =>
          fact.dims.fund === 'gpb' &&
          fact.dims.nature === 'total' &&
          fact.dims.func?.length === 7 &&
          value !== 0n,
      )
      .map(({ fact }) => fact.dims.func!)
      .sort();
    assert.ok(items.length >= 2);
    const itemParagraphs = paragraphs(section(doc, '五')).filter((p) => /^\d+、/.test(paragraphText(p)));
    assert.equal(itemParagraphs.length, items.length);
    itemParagraphs.forEach((p, i) => {
      const code = items[i]!;
      const text = paragraphText(p);
      assert.match(
        text,
        new RegExp(
          `^${i + 1}、.+（类）.+（款）${catalog.nameOf('functional', code, 2024)}（项）。主要用于：`,
        ),
      );
      const actual = p.runs.find(
        (r) =>
          r.kind === 'figure' &&
          r.figure.measure === 'amount' &&
          r.figure.facts[0] === keyOf('expense', { func: code, fund: 'gpb' }),
      );
      assert.ok(actual, `${code} 的决算数不是该项的事实`);
      assert.ok(p.runs.some((r) => r.kind === 'placeholder' && r.statement === `purpose.${code}`));
    });
  });

  it('every figure recomputes and every number traces to a fact', () => {
    for (const run of allRuns(doc)) {
      if (run.kind === 'figure') assert.equal(recomputeFigure(run.figure, pkg), run.figure.value, run.text);
    }
    assert.deepEqual(untracedNumbers(doc, pkg), []);
  });

  it('an empty 政府性基金 table keeps its layout and the template’s 说明 under it', () => {
    const gfbEmpty = figureTexts(section(doc, '八')).length === 0;
    const tables = doc.parts.find((p) => p.id === 'tables')!.blocks;
    const at = tables.findIndex((b) => b.kind === 'table' && b.table.id === 'T07');
    const table = tables[at];
    assert.ok(table?.kind === 'table');
    assert.equal(table.table.empty, gfbEmpty);
    if (gfbEmpty) {
      assert.equal(
        paragraphText(paragraphs(section(doc, '八'))[0]!),
        `${pkg.department.name}2024年度无政府性基金预算财政拨款收入和支出。`,
      );
      const note = tables[at + 1];
      assert.ok(note?.kind === 'paragraph');
      assert.equal(
        paragraphText(note),
        `说明：${pkg.department.name}本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。`,
      );
    }
  });
});

describe('Qingshanhu 2020 (S0) with jiangxi-2020', () => {
  const pkg = readExample('qingshanhu-2020.json');
  const doc = buildDocument(pkg, contextFor('jiangxi-2020'));

  it('builds the nine sections of the 2020 text', () => {
    assert.deepEqual(
      narrativePart(doc)
        .blocks.filter((b) => b.kind === 'heading' && b.level === 1)
        .map((b) => (b.kind === 'heading' ? b.text : '')),
      [
        '一、收入决算情况说明',
        '二、支出决算情况说明',
        '三、财政拨款支出决算情况说明',
        '四、一般公共预算财政拨款基本支出决算情况说明',
        '五、一般公共预算财政拨款“三公”经费支出决算情况说明',
        '六、机关运行经费支出情况说明',
        '七、政府采购支出情况说明',
        '八、国有资产占用情况说明',
        '九、预算绩效情况说明',
      ],
    );
  });

  it('states 元 figures in 万元, rounded where the published text truncated (E-07)', () => {
    // Published: 本年支出合计 716.7, 基本支出 582.64, 项目支出占 18.7%, 基本支出(一般公共预算) 432.09.
    const expense = paragraphs(section(doc, '二')).map(paragraphText).join('\n');
    assert.match(expense, /本年支出合计716\.71万元/);
    assert.match(expense, /基本支出582\.65万元，占81\.29%；项目支出134\.06万元，占18\.71%/);
    assert.match(paragraphText(paragraphs(section(doc, '四'))[0]!), /基本支出432\.10万元/);
  });

  it('states 财政拨款 spending against its budget, not 本年支出合计 (E-05)', () => {
    // Published: 决算数 716.7 (本年支出合计) and 完成年初预算的 166.06%; 财政拨款 spending is 566.16.
    assert.match(
      paragraphText(paragraphs(section(doc, '三'))[0]!),
      /财政拨款本年支出年初预算数431\.59万元，决算数566\.16万元，完成年初预算的131\.18%/,
    );
  });

  it('says there was no 三公 spending when every 三公 figure is zero', () => {
    assert.equal(
      paragraphText(paragraphs(section(doc, '五'))[0]!),
      '本部门2020年度无一般公共预算财政拨款“三公”经费支出。',
    );
  });
});
