/**
 * The document builder and the narrative machinery on small inline packages and an inline profile
 * whose wording follows Jiangxi 2024 (the shipped profiles are tested in
 * packages/data/src/document-samples.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Catalog, type CatalogEntry } from '../catalog';
import { type DataPackage, type PackageJson, parsePackageJson } from '../package';
import { buildProfile } from '../profile';
import { assembleDocument, buildDocument, type DocumentContext, narrativeFindings } from './build';
import { recomputeFigure } from './figures';
import { parseDefinitionsTsv, parseGlossary } from './glossary';
import { type Block, type DocumentView, type ParagraphBlock, paragraphText, type Run } from './model';
import { parseNarrativeProfile } from './narrative-profile';

const entry = (
  code: string,
  name: string,
  classification: 'functional' | 'economic' = 'functional',
): CatalogEntry => ({
  classification,
  code,
  name,
  level: code.length === 3 ? '类' : code.length === 5 ? '款' : '项',
  from: 2019,
  to: null,
  verified: true,
  source: 'test',
});

const catalog = new Catalog([
  entry('208', '社会保障和就业支出'),
  entry('20805', '行政事业单位养老支出'),
  entry('2080505', '机关事业单位基本养老保险缴费支出'),
  entry('210', '卫生健康支出'),
  entry('21015', '医疗保障管理事务'),
  entry('2101501', '行政运行'),
  entry('2101599', '其他医疗保障管理事务支出'),
  entry('301', '工资福利支出', 'economic'),
  entry('302', '商品和服务支出', 'economic'),
]);

const built = buildProfile(
  {
    id: 'test-2024',
    name: '测试口径',
    region: '测试省',
    year: 2024,
    amounts: { unit: '万元', decimals: 2 },
    tables: ['T01', 'T07', 'S01'],
  },
  {
    T01: {
      id: 'T01',
      number: '公开01表',
      title: '收入支出决算总表',
      sections: [
        {
          key: 'main',
          columns: [{ key: 'amount', label: '金额' }],
          rows: [
            { key: 'income', label: '本年收入合计', cells: { amount: 'income' } },
            { key: 'expense', label: '本年支出合计', cells: { amount: 'expense' } },
          ],
        },
      ],
      notes: ['注：本表反映部门本年度的总收支和年末结转结余情况。'],
    },
    T07: {
      id: 'T07',
      number: '公开07表',
      title: '政府性基金预算财政拨款收入支出决算表',
      sections: [
        {
          key: 'main',
          columns: [
            { key: 'income', label: '本年收入', fact: 'income func={code} source=gfb' },
            { key: 'expense', label: '本年支出', fact: 'expense func={code} fund=gfb' },
          ],
          rows: [
            { key: 'total', label: '合计', params: { code: '*' } },
            { codeRows: { classification: 'functional' } },
          ],
        },
      ],
      notes: ['注：本表反映部门本年度政府性基金预算财政拨款收入支出情况。'],
      emptyStatement: '说明：{部门}本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。',
    },
    S01: {
      id: 'S01',
      number: '附表',
      title: '情况说明数据',
      printed: false,
      sections: [
        {
          key: 'main',
          columns: [{ key: 'amount', label: '数额' }],
          rows: [{ key: 'x', label: 'x', cells: { amount: 'operatingCost' } }],
        },
      ],
    },
  },
);
if (!built.ok) throw new Error(built.errors.join('\n'));
const profile = built.profile;

const TEMPLATES: Record<string, string> = {
  _change:
    '{%- if yoy.flat -%}与上年持平{%- else -%}比上年{{ yoy.word }}{{ yoy.change }}万元{%- if yoy.rate -%}，{{ yoy.rateWord }}{{ yoy.rate }}%{%- endif -%}{%- endif -%}\n',
  _yoy: "{%- if yoy -%}，{% render '_change', yoy: yoy %}{%- if reason and yoy.flat == false -%}，主要原因：{{ yoy.reason }}{%- endif -%}{%- endif -%}\n",
  overview: [
    '# 一、部门主要职责',
    '{% if duties.size > 0 %}{% for duty in duties %}',
    '（{{ forloop.index }}）{{ duty }}',
    '{% endfor %}{% else %}{{ dutiesMissing }}{% endif %}',
    '# 二、机构设置及人员情况',
    '纳入本套部门决算汇编范围的单位共{{ units.count }}个，包括：',
    '[[units]]',
  ].join('\n'),
  income: [
    "本部门{{ year }}年度本年收入合计{{ income.total.amount }}万元{% render '_yoy', yoy: income.total.yoy, reason: true %}；年初结转和结余{{ income.opening.amount }}万元{% render '_yoy', yoy: income.opening.yoy, reason: false %}。",
    '本年收入的具体构成：{% for s in income.sources %}{% unless s.zero %}{{ s.label }}{{ s.amount }}万元，占{{ s.share }}%；{% endunless %}{% endfor %}',
    '[[chart:income-structure]]',
    '[[chart:three-public-structure]]',
  ].join('\n'),
  fiscal: [
    '{% for class in fiscal.classes %}{% assign c = class.budget %}',
    '（{{ forloop.index | cn }}）{{ class.name }}（类）{% if c.noBudget %}{{ c.stage }}未安排预算，决算数{{ c.actual }}万元{% else %}年初预算数{{ c.budget }}万元，决算数{{ c.actual }}万元，完成年初预算的{{ c.rate }}%{% endif %}。{% if c.differs %}预决算差异主要原因：{{ c.reason }}。{% endif %}',
    '{% endfor %}',
  ].join('\n'),
  basic: [
    '{% for class in gpb.econClasses %}',
    "（{{ forloop.index | cn }}）{{ class.label }}{{ class.amount }}万元{% render '_yoy', yoy: class.yoy, reason: true %}。",
    '{% endfor %}',
  ].join('\n'),
  other: "{{ 'procurement.reserved' | statement: '预留项目情况' }}",
};

const NARRATIVE_JSON = {
  format: 'juesuan.narrative/1',
  profile: 'test-2024',
  amounts: { unit: '万元', decimals: 2 },
  title: '{{ dept.name }}{{ year }}年度部门决算',
  frontNotes: ['注：本报告因金额单位转换原因可能存在尾数误差。'],
  overview: {
    heading: '第一部分 {{ dept.name }}概况',
    template: 'overview',
    unitsColumns: [
      { label: '序号', field: 'index' },
      { label: '单位名称', field: 'name' },
      { label: '预算级次', field: 'budgetLevel' },
    ],
  },
  tables: { heading: '第二部分 {{ year }}年度部门决算表', tableHeading: '{{ numeral }}、{{ title }}' },
  narrative: {
    heading: '第三部分 {{ year }}年度部门决算情况说明',
    sections: [
      { id: 'income', heading: '一、收入决算情况说明', template: 'income' },
      { id: 'fiscal', heading: '三、财政拨款支出决算情况说明', template: 'fiscal' },
      { id: 'basic', heading: '四、一般公共预算财政拨款基本支出决算情况说明', template: 'basic' },
      { id: 'other', heading: '五、其他', template: 'other' },
    ],
  },
  glossary: { heading: '第四部分 名词解释' },
  annex: { heading: '第五部分 附件' },
};

function narrativeOf(json: unknown = NARRATIVE_JSON, templates = TEMPLATES) {
  const loaded = parseNarrativeProfile(json, templates);
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  return loaded.narrative;
}

const DEFINITIONS = [
  'code\tdefinition\tfrom\tto\tverified\tsource',
  '# comment',
  'name:行政运行\t反映{款}方面行政单位的基本支出。\t\t\tno\ttest',
  '208\t反映社会保障和就业方面的支出。\t\t\tno\ttest',
].join('\n');

const glossaryLoad = parseGlossary(
  {
    format: 'juesuan.glossary/1',
    profile: 'test-2024',
    groups: [
      { heading: '一、收入科目', items: [{ term: '财政拨款', text: '指本级财政当年拨付的资金。' }] },
      { heading: '二、支出科目', codes: true },
    ],
  },
  parseDefinitionsTsv(DEFINITIONS),
);
if (!glossaryLoad.ok) throw new Error(glossaryLoad.errors.join('\n'));

const context: DocumentContext = {
  profile,
  catalog,
  narrative: narrativeOf(),
  glossary: glossaryLoad.glossary,
};

/** A package with the given facts (万元) and reasons; last year's facts only when given. */
function makePackage(options: {
  facts?: PackageJson['facts'];
  prior?: PackageJson['facts'];
  reasons?: Record<string, string>;
  duties?: string[];
  explanations?: Record<string, string>;
}): DataPackage {
  const json: PackageJson = {
    format: 'juesuan.package/1',
    department: { name: '测试市医疗保障局', year: 2024, profile: 'test-2024' },
    amounts: { unit: '万元', decimals: 2 },
    units: [{ name: '测试市医疗保障局', budgetLevel: '一级', kind: '行政' }],
    facts: options.facts ?? { income: { '': '100.00' } },
    ...(options.prior ? { priorYear: { facts: options.prior } } : {}),
    narrative: { reasons: options.reasons ?? {}, ...(options.duties ? { duties: options.duties } : {}) },
    ...(options.explanations ? { explanations: options.explanations } : {}),
  };
  const read = parsePackageJson(json);
  assert.ok(read.package, read.issues.map((i) => `${i.path} ${i.message}`).join('；'));
  return read.package;
}

/** Findings about changes against last year (the inline profile always asks for duties and 预留 too). */
function yoyFindings(pkg: DataPackage) {
  return narrativeFindings(pkg, context).filter((f) => f.rule === 'N-12');
}

function part(doc: DocumentView, id: string) {
  const found = doc.parts.find((p) => p.id === id);
  assert.ok(found, `文档没有 ${id} 部分`);
  return found;
}

function paragraphs(blocks: Block[]): ParagraphBlock[] {
  return blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph');
}

/** The text of the 情况说明 section under `heading`. */
function sectionText(doc: DocumentView, heading: string): string {
  const blocks = part(doc, 'narrative').blocks;
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.text === heading);
  assert.ok(start >= 0, `没有「${heading}」`);
  const rest = blocks.slice(start + 1);
  const end = rest.findIndex((b) => b.kind === 'heading' && b.level === 1);
  return paragraphs(end < 0 ? rest : rest.slice(0, end))
    .map(paragraphText)
    .join('\n');
}

function allRuns(doc: DocumentView): Run[] {
  return doc.parts.flatMap((p) => paragraphs(p.blocks).flatMap((b) => b.runs));
}

describe('year-over-year wording (N-12, docs/disclosure.md#yoy)', () => {
  it('a rise is 增加 … 增长 with the rate, and the reason is used verbatim', () => {
    const pkg = makePackage({
      facts: { income: { '': '940.50' } },
      prior: { income: { '': '938.88' } },
      reasons: { 'income.total.yoy': '新增公务员3人。' },
    });
    const doc = buildDocument(pkg, context);
    assert.match(
      sectionText(doc, '一、收入决算情况说明'),
      /本年收入合计940\.50万元，比上年增加1\.62万元，增长0\.17%，主要原因：新增公务员3人；/,
    );
    assert.deepEqual(yoyFindings(pkg), []);
  });

  it('a fall is 减少 … 下降, printed without a sign', () => {
    const pkg = makePackage({ facts: { income: { '': '940.49' } }, prior: { income: { '': '948.95' } } });
    const text = sectionText(buildDocument(pkg, context), '一、收入决算情况说明');
    assert.match(text, /比上年减少8\.46万元，下降0\.89%，主要原因：【请填写主要原因】/);
    assert.doesNotMatch(text, /-/);
  });

  it('no change is 与上年持平, with neither rate nor reason, and nothing is asked for', () => {
    const pkg = makePackage({ facts: { income: { '': '52.00' } }, prior: { income: { '': '52.00' } } });
    const text = sectionText(buildDocument(pkg, context), '一、收入决算情况说明');
    assert.match(text, /本年收入合计52\.00万元，与上年持平；/);
    assert.doesNotMatch(text, /主要原因|%/);
    assert.deepEqual(yoyFindings(pkg), []);
  });

  it('zero last year gives the change without a rate, and still asks for a reason', () => {
    const pkg = makePackage({ facts: { income: { '': '3.98' } }, prior: { income: { '': '0.00' } } });
    const text = sectionText(buildDocument(pkg, context), '一、收入决算情况说明');
    assert.match(text, /本年收入合计3\.98万元，比上年增加3\.98万元，主要原因：【请填写主要原因】；/);
    assert.doesNotMatch(text, /增长/);
  });

  it('without last year in the package the comparison is left out', () => {
    const text = sectionText(buildDocument(makePackage({}), context), '一、收入决算情况说明');
    assert.match(text, /本年收入合计100\.00万元；年初结转和结余0\.00万元。/);
  });

  it('a change that prints as 0.00 万元 is 持平 (元 data, printed precision)', () => {
    const read = parsePackageJson({
      format: 'juesuan.package/1',
      department: { name: '测试局', year: 2024, profile: 'test-2024' },
      amounts: { unit: '元', decimals: 2 },
      facts: { income: { '': '1000030.00' } },
      priorYear: { facts: { income: { '': '1000000.00' } } },
    });
    assert.ok(read.package);
    assert.match(
      sectionText(buildDocument(read.package, context), '一、收入决算情况说明'),
      /100\.00万元，与上年持平/,
    );
  });
});

describe('missing reasons', () => {
  const pkg = makePackage({ facts: { income: { '': '940.50' } }, prior: { income: { '': '938.88' } } });

  it('become a placeholder run carrying the statement id', () => {
    const placeholders = allRuns(buildDocument(pkg, context)).filter((r) => r.kind === 'placeholder');
    assert.deepEqual(placeholders, [
      { kind: 'placeholder', text: '【请填写部门主要职责】', statement: 'duties' },
      { kind: 'placeholder', text: '【请填写主要原因】', statement: 'income.total.yoy' },
      { kind: 'placeholder', text: '【请填写预留项目情况】', statement: 'procurement.reserved' },
    ]);
  });

  it('give exactly one warning each, naming the section, the statement and where to write it', () => {
    const findings = narrativeFindings(pkg, context).filter((f) => f.rule === 'N-12');
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding!.severity, 'warning');
    assert.equal(finding!.category, 'narrative');
    assert.equal(finding!.id, 'N-12@income.total.yoy');
    assert.equal(
      finding!.message,
      '情况说明「一、收入决算情况说明」本年收入合计比上年增加 1.62 万元，增长 0.17%，缺少主要原因（narrative.reasons["income.total.yoy"]）',
    );
  });

  it('are accepted by a written explanation keyed by the finding id', () => {
    const explained = makePackage({
      facts: { income: { '': '940.50' } },
      prior: { income: { '': '938.88' } },
      explanations: { 'N-12@income.total.yoy': '变动很小，不作说明' },
    });
    const finding = narrativeFindings(explained, context).find((f) => f.rule === 'N-12');
    assert.equal(finding?.explained, '变动很小，不作说明');
  });

  it('a statement used twice is one warning', () => {
    const narrative = narrativeOf(NARRATIVE_JSON, {
      ...TEMPLATES,
      other:
        "{{ 'procurement.reserved' | statement: '预留项目情况' }}\n{{ 'procurement.reserved' | statement: '预留项目情况' }}",
    });
    const findings = narrativeFindings(makePackage({}), { ...context, narrative });
    assert.equal(findings.filter((f) => f.id === 'N-REASON@procurement.reserved').length, 1);
  });
});

describe('completion of the budget (N-05)', () => {
  const facts = {
    expense: { 'func=208 fund=fiscal': '83.45', 'func=210 fund=fiscal': '45.02' },
    budget: { 'func=208 stage=initial': '77.15', 'func=210 stage=initial': '45.02' },
  };

  it('states the rate and asks for the reason only where 决算 differs from 年初预算', () => {
    const pkg = makePackage({ facts, reasons: { 'budget.fiscal.208': '追加了预算' } });
    const text = sectionText(buildDocument(pkg, context), '三、财政拨款支出决算情况说明');
    assert.equal(
      text,
      '（一）社会保障和就业支出（类）年初预算数77.15万元，决算数83.45万元，完成年初预算的108.17%。预决算差异主要原因：追加了预算。\n' +
        '（二）卫生健康支出（类）年初预算数45.02万元，决算数45.02万元，完成年初预算的100.00%。',
    );
  });

  it('a zero budget gets no rate: 年初未安排预算, and the difference needs a reason', () => {
    const pkg = makePackage({
      facts: { expense: { 'func=208 fund=fiscal': '10.00' }, budget: { 'func=208 stage=initial': '0.00' } },
    });
    const text = sectionText(buildDocument(pkg, context), '三、财政拨款支出决算情况说明');
    assert.equal(
      text,
      '（一）社会保障和就业支出（类）年初未安排预算，决算数10.00万元。预决算差异主要原因：【请填写预决算差异主要原因】。',
    );
    const finding = narrativeFindings(pkg, context).find((f) => f.id === 'N-REASON@budget.fiscal.208');
    assert.equal(
      finding?.message,
      '情况说明「三、财政拨款支出决算情况说明」社会保障和就业支出（类）决算数 10.00 万元，年初未安排预算，缺少预决算差异主要原因（narrative.reasons["budget.fiscal.208"]）',
    );
  });
});

describe('figures', () => {
  const pkg = makePackage({
    facts: {
      income: { '': '940.50', 'source=fiscal': '940.49', 'source=business': '0.01' },
      balance: { 'when=opening': '0.01' },
      basicEcon: { 'econ=301': '627.94', 'econ=302': '53.05' },
    },
    prior: {
      income: { '': '938.88' },
      balance: { 'when=opening': '10.23' },
      basicEcon: { 'econ=301': '576.37', 'econ=302': '171.49' },
    },
    reasons: { 'income.total.yoy': 'x', 'basicEcon.301.yoy': 'y', 'basicEcon.302.yoy': 'z' },
  });
  const doc = buildDocument(pkg, context);
  const figures = allRuns(doc).filter((r) => r.kind === 'figure');

  it('every figure recomputes from the facts it lists', () => {
    assert.ok(figures.length >= 10);
    for (const run of figures) assert.equal(recomputeFigure(run.figure, pkg), run.figure.value, run.text);
  });

  it('changes and rates list last year’s facts with the 上年: prefix and keep their sign', () => {
    const change = figures.find(
      (r) => r.figure.measure === 'change' && r.figure.facts[0] === 'balance when=opening',
    );
    assert.deepEqual(change, {
      kind: 'figure',
      text: '10.22',
      figure: {
        measure: 'change',
        facts: ['balance when=opening', '上年:balance when=opening'],
        value: -102_200_00n,
      },
    });
    const rate = figures.find(
      (r) => r.figure.measure === 'rate' && r.figure.facts[0] === 'balance when=opening',
    );
    assert.equal(rate?.text, '99.90');
    assert.equal(rate?.figure.value, -9990n);
  });

  it('shares are over 本年收入合计, 2 decimals half-up', () => {
    const shares = figures.filter((r) => r.figure.measure === 'percent').map((r) => [r.text, r.figure.facts]);
    assert.deepEqual(shares, [
      ['100.00', ['income source=fiscal', 'income']],
      ['0.00', ['income source=business', 'income']],
    ]);
  });

  it('economic 类 are stated in code order with their catalog names', () => {
    assert.equal(
      sectionText(doc, '四、一般公共预算财政拨款基本支出决算情况说明'),
      '（一）工资福利支出627.94万元，比上年增加51.57万元，增长8.95%，主要原因：y。\n' +
        '（二）商品和服务支出53.05万元，比上年减少118.44万元，下降69.07%，主要原因：z。',
    );
  });

  it('charts carry the printed figures and leave out what is zero; a chart with nothing is not drawn', () => {
    const charts = part(doc, 'narrative').blocks.filter((b) => b.kind === 'chart');
    assert.deepEqual(
      charts.map((b) => (b.kind === 'chart' ? b.chart : undefined)),
      [
        {
          id: 'income-structure',
          title: '收入结构',
          type: 'pie',
          categories: ['财政拨款收入', '事业收入'],
          series: [{ name: '收入结构', values: [940.49, 0.01] }],
          unit: '万元',
        },
      ],
    );
  });
});

describe('document structure', () => {
  const pkg = makePackage({ facts: { income: { '': '1.00' } }, duties: ['负责全市医疗保障工作。'] });
  const doc = buildDocument(pkg, context);

  it('has the five parts with their headings, title and front notes', () => {
    assert.equal(doc.title, '测试市医疗保障局2024年度部门决算');
    assert.deepEqual(doc.frontNotes, ['注：本报告因金额单位转换原因可能存在尾数误差。']);
    assert.deepEqual(
      doc.parts.map((p) => [p.id, p.heading]),
      [
        ['overview', '第一部分 测试市医疗保障局概况'],
        ['tables', '第二部分 2024年度部门决算表'],
        ['narrative', '第三部分 2024年度部门决算情况说明'],
        ['glossary', '第四部分 名词解释'],
        ['annex', '第五部分 附件'],
      ],
    );
  });

  it('lists in the 目录 the overview headings, every printed table and every 情况说明 section', () => {
    const toc = doc.parts.flatMap((p) =>
      p.blocks.filter((b) => b.kind === 'heading' && b.toc).map((b) => (b.kind === 'heading' ? b.text : '')),
    );
    assert.deepEqual(toc, [
      '一、部门主要职责',
      '二、机构设置及人员情况',
      '一、收入支出决算总表',
      '二、政府性基金预算财政拨款收入支出决算表',
      '一、收入决算情况说明',
      '三、财政拨款支出决算情况说明',
      '四、一般公共预算财政拨款基本支出决算情况说明',
      '五、其他',
    ]);
  });

  it('prints the duties and the units list', () => {
    const overview = part(doc, 'overview').blocks;
    assert.ok(paragraphs(overview).some((p) => paragraphText(p) === '（1）负责全市医疗保障工作。'));
    assert.deepEqual(
      overview.find((b) => b.kind === 'units'),
      { kind: 'units', columns: ['序号', '单位名称', '预算级次'], rows: [['1', '测试市医疗保障局', '一级']] },
    );
  });

  it('never reads user text as markup: a duty starting with # stays a paragraph', () => {
    const tricky = makePackage({ duties: ['# 不是标题', '[[units]]'] });
    const overview = part(buildDocument(tricky, context), 'overview').blocks;
    assert.deepEqual(
      paragraphs(overview)
        .slice(0, 2)
        .map((p) => p.runs),
      [[{ kind: 'text', text: '（1）# 不是标题' }], [{ kind: 'text', text: '（2）[[units]]' }]],
    );
    assert.equal(overview.filter((b) => b.kind === 'heading').length, 2);
  });

  it('leaves out tables that are not printed (S01)', () => {
    const tables = part(doc, 'tables').blocks.filter((b) => b.kind === 'table');
    assert.deepEqual(
      tables.map((b) => (b.kind === 'table' ? b.table.id : '')),
      ['T01', 'T07'],
    );
  });

  it('keeps an empty table with its layout and puts the required statement under it', () => {
    const blocks = part(doc, 'tables').blocks;
    const at = blocks.findIndex((b) => b.kind === 'table' && b.table.id === 'T07');
    const table = blocks[at];
    assert.ok(table?.kind === 'table');
    assert.equal(table.table.empty, true);
    assert.deepEqual(
      table.table.sections[0]!.columns.map((c) => c.label),
      ['本年收入', '本年支出'],
    );
    assert.deepEqual(
      table.table.sections[0]!.rows.map((r) => r.label),
      ['合计'],
    );
    assert.deepEqual(blocks[at + 1], {
      kind: 'paragraph',
      runs: [
        {
          kind: 'text',
          text: '说明：测试市医疗保障局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。',
        },
      ],
      style: 'note',
    });
  });

  it('missing duties are a placeholder and a warning pointing at narrative.duties', () => {
    const bare = makePackage({});
    const placeholder = paragraphs(part(buildDocument(bare, context), 'overview').blocks)[0];
    assert.deepEqual(placeholder?.runs, [
      { kind: 'placeholder', text: '【请填写部门主要职责】', statement: 'duties' },
    ]);
    const finding = narrativeFindings(bare, context).find((f) => f.id === 'N-REASON@duties');
    assert.equal(finding?.message, '概况「一、部门主要职责」缺少部门主要职责（narrative.duties）');
  });

  it('defines every functional code spent under, from the definitions or the catalog names', () => {
    const spending = makePackage({
      facts: {
        expense: {
          'func=208': '1.00',
          'func=20805': '1.00',
          'func=2080505': '1.00',
          'func=2101501 fund=gpb': '2.00',
        },
      },
    });
    const glossary = paragraphs(part(buildDocument(spending, context), 'glossary').blocks).map(paragraphText);
    assert.deepEqual(glossary, [
      '（一）财政拨款：指本级财政当年拨付的资金。',
      '（一）社会保障和就业支出（类）：反映社会保障和就业方面的支出。',
      '1、行政事业单位养老支出（款）：反映社会保障和就业支出中用于行政事业单位养老方面的支出。',
      '（1）机关事业单位基本养老保险缴费支出（项）：反映行政事业单位养老支出方面用于机关事业单位基本养老保险缴费的支出。',
      '（二）卫生健康支出（类）：反映政府在卫生健康方面的支出。',
      '1、医疗保障管理事务（款）：反映卫生健康支出中用于医疗保障管理事务方面的支出。',
      '（1）行政运行（项）：反映医疗保障管理事务方面行政单位的基本支出。',
    ]);
  });

  it('records where each placeholder sits', () => {
    const { placeholders } = assembleDocument(makePackage({}), context);
    assert.deepEqual(
      placeholders.map((p) => [p.part, p.section, p.statement]),
      [
        ['概况', '一、部门主要职责', 'duties'],
        ['情况说明', '五、其他', 'procurement.reserved'],
      ],
    );
  });
});

describe('narrative profile', () => {
  it('reports a template syntax error with its file', () => {
    const loaded = parseNarrativeProfile(NARRATIVE_JSON, { ...TEMPLATES, income: '{% if income %}' });
    assert.equal(loaded.ok, false);
    assert.match(loaded.ok ? '' : loaded.errors.join('\n'), /income\.liquid: 模板有误/);
  });

  it('reports a section whose template is missing', () => {
    const { income: _income, ...rest } = TEMPLATES;
    const loaded = parseNarrativeProfile(NARRATIVE_JSON, rest);
    assert.equal(loaded.ok, false);
    assert.match(loaded.ok ? '' : loaded.errors.join('\n'), /缺少模板 income\.liquid/);
  });

  it('refuses a misspelt variable when rendering instead of printing nothing', () => {
    const narrative = narrativeOf(NARRATIVE_JSON, { ...TEMPLATES, other: '{{ income.totl.amount }}' });
    assert.throws(
      () => buildDocument(makePackage({}), { ...context, narrative }),
      /undefined variable: income\.totl/,
    );
  });
});
