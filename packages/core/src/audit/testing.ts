/**
 * Test helpers for the audit modules: a RawDocument from lines of text (tab-separated lines form
 * grids), and a small claims profile that covers every kind of phrase. Test-only.
 */
import { Catalog, type CatalogEntry } from '../catalog';
import { buildProfile, type Profile } from '../profile';
import type { ClaimsJson } from './claims-profile';
import type { RawBlock, RawDocument } from './raw';

/** Lines → blocks: a run of lines with tabs is one grid (a blank line inside it is skipped). */
export function rawFromLines(lines: readonly string[], file = 'test.txt'): RawDocument {
  const blocks: RawBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.includes('\t')) {
      const start = i;
      const rows: string[][] = [];
      const rowLocations: { line: number }[] = [];
      while (i < lines.length) {
        const l = lines[i]!;
        if (l.includes('\t')) {
          rows.push(l.split('\t').map((c) => c.replace(/\s+/g, ' ').trim()));
          rowLocations.push({ line: i + 1 });
          i++;
        } else if (l.trim() === '' && (lines[i + 1] ?? '').includes('\t')) {
          i++;
        } else {
          break;
        }
      }
      blocks.push({ kind: 'table', rows, rowLocations, location: { line: start + 1 } });
      continue;
    }
    if (line.trim()) blocks.push({ kind: 'text', text: line.trim(), location: { line: i + 1 } });
    i++;
  }
  return { file, format: 'text', pages: 1, blocks, warnings: [] };
}

const WORDS: ClaimsJson['words'] = {
  yoy: ['比上年', '较上年', '与上年', '较{year}年'],
  up: ['增加', '增长'],
  down: ['减少', '下降'],
  flat: ['持平'],
  share: ['占'],
  reason: ['主要原因', '原因是'],
  completion: { initial: ['完成年初预算'], final: ['完成全年预算'], any: ['完成预算'] },
  attributes: { actual: ['决算数'], initialBudget: ['年初预算数', '年初预算'], finalBudget: ['全年预算数'] },
  countUnits: ['人次', '批次', '辆', '台', '套', '个', '人', '批'],
};

/** A claims profile over the tables of `testProfile` (T01 收支总表, T04 财政拨款, T09 三公, T10 资产). */
export const TEST_CLAIMS: ClaimsJson = {
  format: 'juesuan.claims/1',
  profile: 'test',
  narrative: { unit: '万元', decimals: 2, percentDecimals: 2 },
  skipParts: ['附件'],
  glossaryPart: '名词解释',
  sections: [
    { id: 'income', match: ['收入决算情况说明'] },
    { id: 'fiscalExpense', match: ['财政拨款支出决算情况说明'] },
    { id: 'threePublic', match: ['“三公”经费支出决算情况说明'] },
    { id: 'assets', match: ['国有资产占用情况说明'] },
  ],
  words: WORDS,
  items: [
    {
      id: 'income.total',
      rule: 'N-01',
      label: '本年收入合计',
      phrases: ['本年收入合计'],
      ref: 'T01[L27]',
      reason: true,
    },
    {
      id: 'income.fiscal',
      rule: 'N-02',
      label: '财政拨款收入',
      phrases: ['财政拨款收入'],
      ref: 'T01[L1]',
      shareOf: 'income.total',
    },
    {
      id: 'income.other',
      rule: 'N-02',
      label: '其他收入',
      phrases: ['其他收入'],
      ref: 'T01[L8]',
      shareOf: 'income.total',
    },
    {
      id: 'fiscal.expense',
      rule: 'N-04',
      label: '财政拨款本年支出',
      phrases: ['财政拨款本年支出'],
      sections: ['fiscalExpense'],
      ref: 'T04[L59].C2',
      initialBudget: 'S01[total].initial',
    },
    {
      id: 'fiscal.class',
      rule: 'N-04',
      label: '财政拨款支出（类）',
      classes: { classification: 'functional', level: '类' },
      sections: ['fiscalExpense'],
      ref: 'T04[{code}].C2',
    },
    {
      id: 'threePublic.total',
      rule: 'N-07',
      label: '“三公”经费支出',
      phrases: ['“三公”经费支出'],
      ref: 'T09[L1].actual',
      finalBudget: 'T09[L1].finalBudget',
      initialBudget: 'T09[L1].initialBudget',
    },
    {
      id: 'threePublic.domesticBatches',
      rule: 'N-07',
      label: '国内公务接待批次',
      phrases: ['国内公务接待'],
      units: ['批'],
      ref: 'T09[L15].actual',
    },
    {
      id: 'threePublic.domesticPersons',
      rule: 'N-07',
      label: '国内公务接待人次',
      phrases: ['国内公务接待', '接待'],
      units: ['人次'],
      ref: 'T09[L17].actual',
    },
    {
      id: 'threePublic.vehiclesHeld',
      rule: 'N-07',
      label: '公务用车保有量',
      phrases: ['公务用车保有量'],
      units: ['辆'],
      ref: 'T09[L14].actual',
    },
    {
      id: 'assets.equipment',
      rule: 'N-10',
      label: '单价100万元以上设备',
      phrases: ['单价100万元（含）以上设备（不含车辆）'],
      units: ['台', '套'],
      ref: 'T10[L10]',
    },
  ],
  sums: [{ total: 'income.total', parts: ['income.fiscal', 'income.other'] }],
};

const money = (no: number, key: string, label: string, fact?: string) => ({
  key,
  no,
  label,
  ...(fact ? { fact } : {}),
});

/** A small profile: parts of 公开01/04/05/09/10表 and the side table S01, enough for the audit tests. */
export const TEST_PROFILE_JSON = {
  meta: {
    id: 'test-2024',
    name: '测试口径 2024',
    region: '测试',
    year: 2024,
    amounts: { unit: '万元', decimals: 2 },
    tables: ['T01', 'T04', 'T05', 'T09', 'T10', 'S01'],
  },
  tables: {
    T01: {
      id: 'T01',
      number: '公开01表',
      title: '收入支出决算总表',
      sections: [
        {
          key: 'income',
          labelHeader: '项目',
          columns: [money(1, 'amount', '金额')],
          rows: [
            { line: 1, label: '一、一般公共预算财政拨款收入', cells: { amount: 'income source=gpb' } },
            { line: 8, label: '八、其他收入', cells: { amount: 'income source=other' } },
            { line: 9, blank: true },
            { line: 27, label: '本年收入合计', cells: { amount: 'income' } },
          ],
        },
      ],
    },
    T04: {
      id: 'T04',
      number: '公开04表',
      title: '财政拨款收入支出决算总表',
      sections: [
        {
          key: 'expense',
          labelHeader: '项目（按功能分类）',
          columns: [
            money(2, 'total', '合计', 'expense func={code} fund=fiscal'),
            money(3, 'gpb', '一般公共预算财政拨款', 'expense func={code} fund=gpb'),
          ],
          rows: [
            { line: 40, code: '208', label: '八、社会保障和就业支出' },
            { line: 41, code: '210', label: '九、卫生健康支出' },
            { line: 59, label: '本年支出合计', params: { code: '*' } },
          ],
        },
      ],
    },
    T05: {
      id: 'T05',
      number: '公开05表',
      title: '一般公共预算财政拨款支出决算表',
      sections: [
        {
          key: 'main',
          labelHeader: '科目名称',
          columns: [
            money(1, 'total', '本年支出合计', 'expense func={code} fund=gpb'),
            money(2, 'basic', '基本支出', 'expense func={code} fund=gpb nature=basic'),
            money(3, 'project', '项目支出', 'expense func={code} fund=gpb nature=project'),
          ],
          rows: [
            { key: 'total', label: '合计', params: { code: '*' } },
            { codeRows: { classification: 'functional', maxLevel: '项' } },
          ],
        },
      ],
    },
    T09: {
      id: 'T09',
      number: '公开09表',
      title: '财政拨款“三公”经费支出决算表',
      sections: [
        {
          key: 'main',
          labelHeader: '项目',
          columns: [
            money(1, 'initialBudget', '年初预算数', 'threePublic item={item} col=initialBudget'),
            money(2, 'finalBudget', '全年预算数', 'threePublic item={item} col=finalBudget'),
            money(3, 'actual', '决算数', 'threePublic item={item} col=actual'),
          ],
          rows: [
            { line: 1, label: '一、“三公”经费支出', params: { item: 'total' } },
            {
              line: 14,
              label: '4.公务用车保有量（辆）',
              cells: { initialBudget: null, finalBudget: null, actual: 'threePublicCount item=vehiclesHeld' },
            },
            {
              line: 15,
              label: '5.国内公务接待批次（个）',
              cells: {
                initialBudget: null,
                finalBudget: null,
                actual: 'threePublicCount item=domesticBatches',
              },
            },
            {
              line: 17,
              label: '6.国内公务接待人次（人）',
              cells: {
                initialBudget: null,
                finalBudget: null,
                actual: 'threePublicCount item=domesticPersons',
              },
            },
          ],
        },
      ],
    },
    T10: {
      id: 'T10',
      number: '公开10表',
      title: '国有资产占用情况表',
      unit: '台、辆、套',
      sections: [
        {
          key: 'main',
          labelHeader: '项目',
          columns: [money(1, 'actual', '决算数', 'asset item={item}')],
          rows: [
            {
              line: 10,
              label: '二、单价100万元（含）以上设备（不含车辆）(台、套)',
              params: { item: 'equipment100' },
            },
          ],
        },
      ],
    },
    S01: {
      id: 'S01',
      number: '附表',
      title: '情况说明数据',
      printed: false,
      blankWhenAbsent: true,
      sections: [
        {
          key: 'main',
          labelHeader: '项目',
          columns: [{ key: 'amount', label: '数额' }],
          rows: [{ key: 'operatingCost', label: '机关运行经费', cells: { amount: 'operatingCost' } }],
        },
        {
          key: 'budget',
          labelHeader: '财政拨款预算（按功能分类）',
          columns: [
            { key: 'initial', label: '年初预算数', fact: 'budget func={code} stage=initial' },
            { key: 'final', label: '全年预算数', fact: 'budget func={code} stage=final' },
          ],
          rows: [
            { key: 'total', label: '合计', params: { code: '*' } },
            { codeRows: { classification: 'functional', maxLevel: '类' } },
          ],
        },
      ],
    },
  },
};

/** The printed tables of a small 万元 document in the test profile (公开10表 left out). */
export const TEST_TABLE_LINES: readonly string[] = [
  '第二部分 2024 年度部门决算表',
  '收入支出决算总表',
  '公开 01 表',
  '部门：测试局',
  '2024 年度',
  '金额单位：万元',
  '项 目\t行次\t金 额',
  '栏 次\t\t1',
  '一、一般公共预算财政拨款收入\t1\t940.49',
  '八、其他收入\t8\t0.01',
  '\t9\t',
  '本年收入合计\t27\t940.50',
  '注：本表反映部门本年度的总收支。',
  '财政拨款收入支出决算总表',
  '公开 04 表',
  '金额单位：万元',
  '项目（按功能分类）\t行 次\t合 计\t一般公共预算财政拨 款',
  '栏 次\t\t2\t3',
  '八、社会保障和就业支出\t40\t83.45\t83.45',
  '九、卫生健康支出\t41\t857.04\t857.04',
  '本年支出合计\t59\t940.49\t940.49',
  '一般公共预算财政拨款支出决算表',
  '公开 05 表',
  '金额单位：万元',
  // The label row is one cell left of the figures, as in the Jingdezhen print; 栏次 decide.
  '项 目\t\t本年支出合计\t基本支出\t项目支出\t',
  '类\t款\t项\t1\t2\t3',
  '合计\t\t\t940.49\t685.21\t255.28',
  '208\t\t社会保障和就业支出\t83.45\t83.45\t',
  '20805\t\t行政事业单位养老支出\t83.45\t83.45\t',
  // A page break the reader joined: the header again inside the grid.
  '项 目\t\t本年支出合计\t基本支出\t项目支出\t',
  '类\t款\t项\t1\t2\t3',
  '2080505\t\t机关事业单位基本养老保险缴费支出\t83.45\t83.45\t',
  '210\t\t卫生健康支出\t857.04\t601.76\t255.28',
  '21015\t\t医疗保障管理事务\t857.04\t601.76\t255.28',
  '2101501\t\t行政运行\t857.04\t601.76\t255.28',
  '财政拨款“三公”经费支出决算表',
  '公开 09 表',
  '金额单位：万元',
  '项目\t栏次\t年初预算数\t全年预算数\t决算数',
  '行次\t\t1\t2\t3',
  '一、“三公”经费支出\t1\t13.22\t1.02\t1.02',
  '4.公务用车保有量（辆）\t14\t---\t---\t0',
  '5.国内公务接待批次（个）\t15\t---\t---\t10',
  '6.国内公务接待人次（人）\t17\t---\t---\t87',
];

function entry(classification: 'functional' | 'economic', code: string, name: string): CatalogEntry {
  const level = code.length === 3 ? '类' : code.length === 5 ? '款' : '项';
  return { classification, code, name, level, from: 2019, to: null, verified: true, source: 'test' };
}

export const testCatalog = new Catalog([
  entry('functional', '208', '社会保障和就业支出'),
  entry('functional', '20805', '行政事业单位养老支出'),
  entry('functional', '2080505', '机关事业单位基本养老保险缴费支出'),
  entry('functional', '210', '卫生健康支出'),
  entry('functional', '21015', '医疗保障管理事务'),
  entry('functional', '2101501', '行政运行'),
  { ...entry('functional', '21015', '医疗保障事务（旧）'), from: 2010, to: 2018 },
]);

export function testProfile(): Profile {
  const built = buildProfile(TEST_PROFILE_JSON.meta, TEST_PROFILE_JSON.tables);
  if (!built.ok) throw new Error(built.errors.join('\n'));
  return built.profile;
}
