/**
 * The 情况说明 rules: claims in a published narrative checked against its tables (claim-check), and
 * the statements a generated narrative still lacks (document/narrative.ts). Which phrases belong to
 * which rule is the profile's claims.json (`items[].rule`).
 */
import { declareFamily, type RuleMeta } from '../rules/rule-meta';

const CLAIMS =
  '审读公开文本的部门决算情况说明：按口径 claims.json 识别的说法，与识别出的公开表核对（印出的数按其舍入区间比较）';

export const NARRATIVE_RULES = declareFamily('narrative', [
  {
    id: 'N-01',
    severity: 'error',
    title: '收支总计与表一致',
    meaning:
      '情况说明开头的收入总计、支出总计、本年收入合计、年初结转和结余等总数，必须与收入支出决算总表一致，这是读者最先看到的数。',
    appliesTo: `${CLAIMS}；公开01表`,
    check:
      '说法中的金额与公开01表对应行（总计、本年收入合计、使用非财政拨款结余、年初结转和结余）在印出精度内相等。',
    example: '情况说明称“2024 年度收入总计 940.15 万元”，公开01表第31行「总计」为 940.51 万元。',
  },
  {
    id: 'N-02',
    severity: 'error',
    title: '收入构成及占比与表一致',
    meaning: '收入决算情况中各项收入的金额及其占本年收入合计的比例，应与收入决算表一致。',
    appliesTo: `${CLAIMS}；公开01、02表`,
    check:
      '各项收入（财政拨款、上级补助、事业、经营、附属单位上缴、其他收入）的金额与表相等；所称占比 = 该项 ÷ 本年收入合计（±0.005 个百分点）。',
    example:
      '情况说明称“财政拨款收入 850.20 万元，占 90.47%”，按公开01表 850.20 ÷ 939.80 为 90.47%，但表中财政拨款收入为 852.20 万元。',
  },
  {
    id: 'N-03',
    severity: 'error',
    title: '支出构成及占比与表一致',
    meaning: '支出决算情况中基本支出、项目支出等的金额和占比，应与支出决算表一致。',
    appliesTo: `${CLAIMS}；公开01、03表`,
    check:
      '各项支出（基本支出、项目支出、上缴上级、经营、对附属单位补助、结余分配、年末结转和结余）金额与表相等；占比 = 该项 ÷ 本年支出合计。',
    example:
      '情况说明称“基本支出 612.34 万元，占 72.86%”，公开03表基本支出为 612.34 万元，本年支出合计 830.00 万元，占比应为 73.78%。',
  },
  {
    id: 'N-04',
    severity: 'error',
    title: '财政拨款支出与公开04表一致',
    meaning: '财政拨款支出总额及按功能分类各类的金额，应与财政拨款收入支出决算总表一致。',
    appliesTo: `${CLAIMS}；公开04、05表`,
    check: '财政拨款本年支出及各类（按科目代码）金额与公开04表相等。',
    example:
      '情况说明称“财政拨款支出 800.00 万元，其中教育支出 120.00 万元”，公开04表教育支出为 102.00 万元。',
  },
  {
    id: 'N-04b',
    severity: 'error',
    title: '一般公共预算财政拨款支出与公开05表一致',
    meaning:
      '单独说明一般公共预算财政拨款支出的口径（如上海），其总额、各类金额和占比应与一般公共预算财政拨款支出决算表一致。',
    appliesTo: `${CLAIMS}；口径 claims.json 中标为 N-04b 的说法（单列一般公共预算财政拨款支出一节的口径：shanghai-2024、national、hunan）；公开05表`,
    check: '一般公共预算财政拨款支出总额及各类金额与公开05表合计、各类行相等；所称占比 = 该数 ÷ 所指的总数。',
    example:
      '情况说明称“一般公共预算财政拨款支出 780.00 万元，其中教育支出（类）102.00 万元”，公开05表合计为 790.00 万元。',
  },
  {
    id: 'N-05',
    severity: 'error',
    title: '完成预算比率正确',
    meaning:
      '“完成年初预算的××%”须等于决算数 ÷ 预算数；年初预算为 0 时不能计算比率，应写明“年初未安排预算”。',
    appliesTo: `${CLAIMS}中“完成年初（全年）预算的××%”的说法`,
    check:
      '比率 = 决算数 ÷ 年初（或全年）预算数，在两数的舍入区间内能得出印出的百分比（±0.005 个百分点）；“占全年（年初）预算的××%”同样按完成率核对；预算数为 0 时写出比率即报告（决算数也为 0 而写“0%”时只是措辞问题，报 warning）。',
    example:
      '“三公”经费决算 12.60 万元、年初预算 15.00 万元，情况说明称“完成年初预算的 86.00%”，应为 84.00%。',
  },
  {
    id: 'N-06',
    severity: 'error',
    title: '基本支出与公开05、06表一致',
    meaning: '一般公共预算财政拨款基本支出及其人员经费、公用经费和各经济分类的金额，应与公开05、06表一致。',
    appliesTo: `${CLAIMS}；公开05、06表`,
    check: '基本支出、人员经费、公用经费及工资福利支出、商品和服务支出等金额与表相等。',
    example: '情况说明称“人员经费 500.12 万元”，公开06表人员经费合计为 505.12 万元。',
  },
  {
    id: 'N-07',
    severity: 'error',
    title: '“三公”经费与公开表一致',
    meaning:
      '“三公”经费各项的预算数、决算数以及出国团组、公务用车、接待批次人次等数量，应与“三公”经费表一致。',
    appliesTo: `${CLAIMS}；公开09表（“三公”经费情况表）`,
    check: '“三公”经费合计、因公出国（境）费、公务用车购置及运行维护费、公务接待费等的金额和数量与表相等。',
    example: '情况说明称“公务接待费 3.20 万元，共接待 45 批次”，公开09表为 3.20 万元、54 批次。',
  },
  {
    id: 'N-08',
    severity: 'warning',
    title: '机关运行经费不超过公用经费',
    meaning: '机关运行经费是行政单位公用经费的一部分，所称金额超过公用经费时，说明口径或数字有误。',
    appliesTo: `${CLAIMS}中的机关运行经费；公开06表公用经费`,
    check:
      '所称机关运行经费 ≤ 公开06表公用经费合计（表中有数时）；claims.json 中该项以 max 指向公用经费合计。',
    example: '情况说明称“机关运行经费 86.30 万元”，公开06表公用经费合计只有 80.15 万元。',
  },
  {
    id: 'N-09',
    severity: 'error',
    title: '政府采购各项相符',
    meaning:
      '政府采购支出总额应等于货物、工程、服务采购之和，授予中小企业、小微企业的合同金额及其占比也应前后一致。',
    appliesTo: `${CLAIMS}中的政府采购情况（无表时以情况说明自身的数互相核对）`,
    check:
      '采购总额 = 货物 + 工程 + 服务；授予中小企业合同金额 ≤ 采购总额，所称占比 = 授予金额 ÷ 采购总额；各分项之和与合计相等。',
    example:
      '情况说明称“政府采购支出总额 120.00 万元，其中货物 50.00 万元、工程 30.00 万元、服务 30.00 万元”，三项合计 110.00 万元。',
  },
  {
    id: 'N-10',
    severity: 'error',
    title: '资产、人员数与表一致',
    meaning: '机构人员情况、车辆等资产数量，应与公开的国有资产占用情况表及人员数一致。',
    appliesTo: `${CLAIMS}；公开10表及情况说明中的人员、车辆数`,
    check: '编制数、实有人员、离退休人员、车辆数等与表（或情况说明数据表）相等。',
    example: '情况说明称“车辆 6 辆”，公开10表车辆数合计为 8 辆。',
  },
  {
    id: 'N-12',
    severity: 'error',
    title: '比上年增减表述正确并说明原因',
    meaning:
      '“比上年增加（减少）××万元，增长（下降）××%”须自洽：增减额与本年数推出的上年数要能得出所称增减率，方向要对，持平时应写“与上年持平”；生成情况说明时，每个增减变化都要写明主要原因。',
    appliesTo: `${CLAIMS}中比上年增减的说法；生成的情况说明中每处增减变化（narrative.reasons）`,
    check:
      '上年数 = 本年数 − 增减额；增减率 = 增减额 ÷ 上年数（±0.005 个百分点），增减方向与用词一致；增减额为 0 时应写“持平”（warning）；生成时缺少原因的报告 warning。',
    example:
      '情况说明称“本年支出 830.00 万元，比上年增加 30.00 万元，增长 4.00%”，按 30.00 ÷ 800.00 应为 3.75%。',
  },
  {
    id: 'N-17',
    severity: 'warning',
    title: '绩效自评覆盖数字相符',
    meaning:
      '预算绩效情况说明中“开展绩效自评的项目涉及资金××万元、占项目支出××%”，资金不能超过项目支出，占比要能算出。',
    appliesTo: `${CLAIMS}中的绩效自评覆盖说法；公开05表项目支出`,
    check: '所称自评涉及资金 < 一般公共预算财政拨款项目支出；所称占比 = 自评涉及资金 ÷ 项目支出。',
    example: '情况说明称“绩效自评涉及资金 1,200.00 万元”，公开05表项目支出合计只有 1,020.00 万元。',
  },
  {
    id: 'N-18',
    severity: 'warning',
    title: '金额与百分比保留两位小数、四舍五入',
    meaning:
      '情况说明中的金额（万元）和百分比应保留两位小数并四舍五入，与表中印法一致；数字对而印法不对，同样会误导读者。',
    appliesTo: `${CLAIMS}中的所有金额和百分比`,
    check: '数值在区间内但小数位数不是两位，或舍入方式不是四舍五入（如截断）时报告，给出应印的写法。',
    example:
      '公开01表收入总计 940.515 万元，情况说明写“940.5 万元”或“940.51 万元”（截断），应为 940.52 万元。',
  },
  {
    id: 'N-REASON',
    severity: 'warning',
    title: '情况说明须写明原因和用途',
    meaning:
      '生成的情况说明中，预决算差异原因、主要用途、开支内容、绩效情况和部门职责等须由单位填写的文字还空着，文档中只能以占位符代替。',
    appliesTo: '生成部门决算公开文档（juesuan check / generate）时口径 narrative 模板中须填写的每一处',
    check:
      '模板用到的说明文字在数据包 narrative（reasons、duties 等）或 performance 中找不到时，每处报告一次；写了出错说明（explanations）的视为已说明。',
    example:
      '第三部分「一般公共预算财政拨款支出决算情况」教育支出（类）决算数比年初预算增加 35.7%，数据包 narrative.reasons 中没有写明原因。',
  },
]);

/** A rule named by a claims profile (claims.json `items[].rule`); the registry test checks every profile's ids exist. */
export function narrativeRule(id: string): RuleMeta {
  const rule = (NARRATIVE_RULES as Readonly<Record<string, RuleMeta>>)[id];
  if (!rule) throw new Error(`情况说明规则 ${id} 没有在规则目录中登记（audit/narrative-rules.ts）`);
  return rule;
}
