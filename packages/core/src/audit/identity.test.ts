import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../finding';
import { compileCatalogue } from '../rules/catalogue';
import { auditDocument } from './audit';
import { documentKind } from './document-kind';
import { checkIdentity, organisationIn, sameOrganisation } from './identity';
import type { RawDocument, RawTable } from './raw';
import type { PerformanceGrid } from './recognize';
import { testCatalog as catalog, rawFromLines, testProfile } from './testing';

// The lines are quoted from published documents (景德镇 2024, 青山湖区 2020, pages of the corpus) and
// from the 上海 2024 template with its instructions and alternatives; a line made up for a case says so.
const identityOf = (raw: RawDocument, performanceTables: PerformanceGrid[] = []) =>
  checkIdentity(raw, documentKind(raw), { performanceTables });
const findingsOf = (lines: readonly string[]) => identityOf(rawFromLines(lines));
const brief = (f: Finding) => `${f.rule} ${f.severity} L${lineOf(f)} ${f.found?.text ?? ''}`;
const lineOf = (f: Finding) => f.places.find((p) => p.kind === 'text')?.line;
const rulesOf = (findings: readonly Finding[]) => findings.map((f) => f.rule);

const JINGDEZHEN_COVER = '# 景德镇市医疗保障局 2024 年度部门决算';

describe('template residue', () => {
  it('reports the placeholders and the alternatives the template left, read across the wrap (I-04, I-05)', () => {
    const findings = findingsOf([
      '上海市 XX 局',
      '2024 年度部门决算',
      '上海市 XX 局 2024 年度收入支出总计 XXX 万元。与 2023 年',
      '度相比，收入支出总计增加（减少）XXX 万元，增长（下降）XX%。',
      // The template's 三公 paragraph as a department filled it in, the alternatives left (made up).
      '“三公”经费财政拨款支出决算数比 2023 年度减少 1.20 万元，下降 12.50%，其中：因公出国（境）',
      '费支出决算减少（增加）0.00 万元；公务接待费支出决算减少 1.20 万元，下降（增',
      '长）20.00%。',
      '一般公共预算财政拨款支出决算为 560.00 万元（或与预算数持平）。',
    ]);
    assert.deepEqual(findings.map(brief), [
      'I-04 error L1 XX',
      'I-04 error L3 XX、XXX',
      'I-05 error L4 增加（减少）、增长（下降）',
      'I-05 error L6 减少（增加）、下降（增长）',
      'I-05 error L8 （或与预算数持平）',
    ]);
    assert.match(
      findings[1]!.message,
      /「XX」「XXX」（共 4 处）.*「上海市 XX 局 2024 年度收入支出总计 XXX 万元。」/,
    );
    assert.match(findings[3]!.message, /费支出决算减少（增加）0\.00 万元/);
  });

  it('reports the instructions written for whoever fills the template in (I-06)', () => {
    const findings = findingsOf([
      '一、主要职能',
      '由主管部门根据三定方案等相关规定中有关主要职能填写。',
      '一、收入支出决算总体情况说明',
      '主要原因：人员增加。',
      '（如持平作持平表述）',
      '三、支出决算情况说明',
      '项目支出 120.00 万元，占 12.00%；经营支出 0.00 万元，占 0.00%……（不',
      '涉及的不列）',
      '。',
      '无“三公”经费财政拨款支出的部门，作下述说明：',
      '（二）部门决算中项目绩效自评结果。（应当将2020年度区级部门决算项目绩效自评综述和《项目支出绩效自评表》进行公开。）',
      '二、支出科目',
      '对部门预算中涉及的支出功能分类科目（明细到项级），结合部门实际，参照《2020年政府收支分类科目》的规范说明进行解释。',
      // What juesuan's own generator prints for a text the package lacks, and a word limit (made up).
      '一、部门主要职责',
      '【请填写部门职责】',
      '二、绩效目标完成情况',
      '年度总体目标完成情况（100字以内）：全年目标均已完成。',
    ]);
    assert.deepEqual(findings.map(brief), [
      'I-06 warning L2 由主管部门根据三定方案等相关规定中有关主要职能填写',
      'I-06 warning L5 （如持平作持平表述）',
      'I-06 warning L7 （不涉及的不列）',
      'I-06 warning L10 作下述说明',
      'I-06 warning L11 （应当将2020年度区级部门决算项目绩效自评综述和《项目支出绩效自评表》进行公开。）',
      'I-06 warning L13 参照《2020年政府收支分类科目》的规范说明进行解释',
      'I-06 warning L15 【请填写部门职责】',
      'I-06 warning L17 （100字以内）',
    ]);
    assert.match(findings[2]!.message, /「（不涉及的不列）」，公开前应删去：「项目支出 120\.00 万元/);
  });

  it('stays silent on finished text: 参照公务员法, 填列 in a definition, a year in a name, an English word', () => {
    const findings = findingsOf([
      JINGDEZHEN_COVER,
      '本部门 2024 年度收入总计 940.51 万元，其中年初结转和结余 0.01 万元，比上年减少 10.22 万元，下降 99.91%；使用非财政拨款结余(含专用结余) 0.00 万元，与上年持平；本年收入合计 940.50 万元，比上年增加 1.62 万元，增长 0.17%，主要原因：新增公务员 3 人。',
      '**（二）机关运行经费：**是指用财政拨款安排的为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。',
      '（八）上年结转和结余：填列上年度全部结转和结余的资金数，包括当年结转结余资金和历年滚存结转结余资金。',
      '（一）社会保障和就业支出（类）年初预算数 77.15 万元，决算数 83.45 万元，完成年初预算的 108.16%。预决算差异主要原因：发放了 2022 年绩效工资，追加了预算。',
      '组织对2个项目开展了部门评价，分别为：医疗保障改革专项经费(2024年)、医保基金经办专项经费（2024）。',
      // A device in an inventory (made up): XX inside a Latin word is no placeholder.
      '购置 XXL 型号防护服 20 套。',
    ]);
    assert.deepEqual(findings.map(brief), []);
  });

  it('reports placeholders left in a grid once for the grid (I-04)', () => {
    const findings = findingsOf([
      '纳入上海市 XX 局 2024 年度部门决算编制范围的单位包括：',
      '序号\t单位名称\t备注',
      '1\t上海市 XX 局（本级）\t',
      '2\t上海市 XX 中心\t',
      '3\t上海市 XX 研究所\t',
    ]);
    assert.deepEqual(findings.map(brief), ['I-04 error L1 XX', 'I-04 error L3 上海市 XX 局（本级）']);
    assert.match(findings[1]!.message, /「上海市 XX 局（本级）」「上海市 XX 中心」「上海市 XX 研究所」/);
  });
});

describe('the year', () => {
  it('reports a heading and a year-end date of an earlier year in a later document (I-02)', () => {
    const findings = findingsOf([
      // The cover is made up: the published page names no year but in this heading.
      '洪江市人民政府办公室2024年度部门决算',
      '十二、关于国有资产占用情况说明',
      '十三、关于2023年度预算绩效情况的说明',
      '截至2023年12月31日，本部门共有车辆3辆，其中：执法执勤用车1辆、其他用车2辆。',
      '(2023 年度)',
      // A later year's 决算 in a heading (made up).
      '第三部分 2025年度部门决算情况说明',
    ]);
    assert.deepEqual(findings.map(brief), [
      'I-02 warning L3 2023年度',
      'I-02 warning L4 2023年',
      'I-02 warning L5 2023年度',
      'I-02 warning L6 2025年度',
    ]);
    assert.match(findings[0]!.message, /标题「十三、关于2023年度预算绩效情况的说明」却写 2023 年/);
    assert.match(
      findings[1]!.message,
      /报告年度为 2024 年，这里的时点却是 2023 年末：「截至2023年12月31日，本部门共有车辆3辆/,
    );
  });

  it('accepts comparisons, plans, citations, dates of publication and the year-end of the year (I-02, I-03)', () => {
    const silent = (lines: readonly string[]) => assert.deepEqual(findingsOf(lines).map(brief), [], lines[0]);
    silent([
      JINGDEZHEN_COVER,
      '截止 2024 年 12 月 31 日，本部门共有车辆 0 辆（台），其中：副部（省）级及以上领导用车 0 辆。',
      '(1) 《中华人民共和国预算法》（2014年修订）；',
      '(3) 《景德镇市财政局关于市直机关部门开展单位自评及跟踪监控工作的通知》景财监〔2023〕1号',
      // A plan and a carry-over (made up).
      '按照《景德镇市医疗保障事业发展规划（2021—2025年）》，2021年至2025年全面推进医保支付方式改革。',
      '2023年结转的项目资金已于年初全部支付。',
      '三、2025年工作计划',
      '（三）2023年度审计整改情况',
      '根据区审计局对2023年度部门决算的审计意见，已完成整改。',
    ]);
    silent([
      '上海市 2024 年度部门决算',
      '机关运行经费支出 56.00 万元，比 2023 年度增加 3.00 万元，增长 5.66%。',
      '与 2023 年度相比，财政拨款收入支出总计增加 20.00 万元。',
    ]);
    silent([
      '2023年广东省财政厅一般公共预算财政拨款“三公”经费支出决算情况说明',
      '广东省财政厅2023年度“三公”经费财政拨款支出决算为62.07万元,完成全年预算84.82万元的73.2%,比上年决算数增加38.97万元,增长168.7%;比2019年(疫情前)决算数减少24.87万元,降低28.6%。',
    ]);
    silent(['岳阳市2018年度部门整体支出', '绩效评价自评报告', '报告日期:2019年06月18日']);
  });

  it('reports narrative that speaks of an earlier year as this one (I-03)', () => {
    const findings = findingsOf([
      JINGDEZHEN_COVER,
      '## **2、综合评价情况及评价结论**',
      '本部门组织对2023年纳入绩效自评范围项目进行自查自评，在数据准确、资料齐全、佐证充分基础上，认为参与部门绩效自评项目依据充分、目标明确、程序合理，项目资金基本拨付到位及时，项目实施按计划进行，项目综合自评为“优”。',
      '总体分析从本次项目绩效评价情况来看，2023年项目资金能够及时拨付到位，执行率较高。',
      '（七）用事业基金弥补收支差额：填列事业单位用事业基金弥补 2022 年收支差额的数额。',
      // Last year's opening sentence left in this year's document, and 本年度 said of last year (made up).
      '本部门2023年度收入总计900.00万元，比上年增加10.00万元。',
      '本年度（2023年度）一般公共预算财政拨款支出820.00万元。',
    ]);
    assert.deepEqual(findings.map(brief), [
      'I-03 warning L3 2023年',
      'I-03 warning L4 2023年',
      'I-03 warning L5 2022年',
      'I-03 warning L6 2023年度',
      'I-03 warning L7 2023年度',
    ]);
    assert.match(
      findings[0]!.message,
      /报告年度为 2024 年，这句话却把 2023 年当作本年：「本部门组织对2023年纳入绩效自评范围项目/,
    );
  });

  it('accepts history and last year named beside this year in narrative (I-03)', () => {
    const findings = findingsOf([
      '南昌市青山湖区医疗保障局2020年度部门决算',
      '本部门2020年度收入总计800.83万元，其中年初结转和结余50.49万元，较2019年增加50.49万元；本年收入合计750.34万元，较2019年增加597.86万元，增加392%，主要原因是：2019年主管局医疗保障局刚成立，主要经费收入和支出仍然是由事业管理局承担，也没有做相应的财政预算。',
      '（八）上年结转和结余：填列2019年全部结转和结余的资金数，包括当年结转结余资金和历年滚存结转结余资金。',
      '2019年区财政已下拨城乡医疗救助经费48万元。',
      '为深入贯彻落实《南昌市青山湖区财政局关于开展2021年度预算绩效管理有关工作的通知》（湖财字〔2021〕56号）文件要求，做好年度项目支出绩效自我评价工作。',
    ]);
    assert.deepEqual(findings.map(brief), []);
  });

  it('reports a 绩效自评表 whose targets name its project for an earlier year (I-03)', () => {
    const raw = rawFromLines(['南昌市青山湖区医疗保障局2020年度部门决算']);
    const findings = identityOf(raw, [
      performanceGrid('2020年离休干部医疗统筹金', [
        ['项目名称', '2020年离休干部医疗统筹金'],
        [
          '年度总体目标',
          '规范管理和使用参保配套资金，全面完成上级下达的2019年度离休干部医疗统筹金民生工程指标',
        ],
        ['产出指标', '财政足额拨付2019年离休干部医疗统筹金'],
      ]),
      performanceGrid('2020年困难企业职工医疗保险配套资金', [
        ['项目名称', '2020年困难企业职工医疗保险配套资金'],
        [
          '年度总体目标',
          '规范管理和使用参保配套资金，全面完成上级下达的2020年度国有困难企业职工参保配套资金民生工程指标',
        ],
        ['产出指标', '财政足额拨付2020年困难企业职工区级配套资金'],
      ]),
    ]);
    assert.deepEqual(rulesOf(findings), ['I-03']);
    assert.equal(
      findings[0]!.message,
      '绩效自评表的项目是「2020年离休干部医疗统筹金」，表中却写成以前年度：「规范管理和使用参保配套资金，全面完成上级下达的2019年度离休干部医疗统筹金民生工程指标」「财政足额拨付2019年离休干部医疗统筹金」',
    );
    assert.deepEqual(
      findings[0]!.places.map((p) => p.kind === 'text' && p.line),
      [102, 103],
    );
  });
});

describe('the department', () => {
  it('finds the organisation a title or heading names', () => {
    assert.equal(organisationIn('景德镇市医疗保障局 2024 年度部门决算'), '景德镇市医疗保障局');
    assert.equal(organisationIn('2021年湛江市人民政府行政服务中心部门决算'), '湛江市人民政府行政服务中心');
    assert.equal(organisationIn('丰都县林业局(本级) 2024 年度决算公开说明'), '丰都县林业局');
    assert.equal(
      organisationIn('2023年广东省财政厅一般公共预算财政拨款“三公”经费支出决算情况说明'),
      '广东省财政厅',
    );
    assert.equal(organisationIn('青山湖区医疗保障局部门概况'), '青山湖区医疗保障局');
    assert.equal(organisationIn('2022年度部门决算报表'), undefined);
    assert.ok(sameOrganisation('青山湖区医疗保障局', '南昌市青山湖区医疗保障局'));
    assert.ok(sameOrganisation('景德镇医疗保障局', '景德镇市医疗保障局'));
    assert.ok(!sameOrganisation('南昌市西湖区医疗保障局', '南昌市青山湖区医疗保障局'));
  });

  it('reports a heading and a 编制单位 that name another department (I-01)', () => {
    const findings = findingsOf([
      JINGDEZHEN_COVER,
      // Headings copied from another department's document (made up).
      '# 第一部分 景德镇市卫生健康委员会概况',
      '## 一、部门主要职责',
      '编制单位：景德镇市卫生健康委员会 2024年度 金额单位：万元',
      '# 第二部分 2024 年度部门决算表',
      '景德镇市卫生健康委员会2024年度收入总计940.51万元，比上年减少10.22万元。',
    ]);
    assert.deepEqual(findings.map(brief), ['I-01 warning L2 景德镇市卫生健康委员会']);
    assert.match(
      findings[0]!.message,
      /本文件是「景德镇市医疗保障局」的决算（封面「景德镇市医疗保障局 2024 年度部门决算」），标题「第一部分 景德镇市卫生健康委员会概况」却写「景德镇市卫生健康委员会」（共 3 处）/,
    );
    assert.deepEqual(
      findings[0]!.places.map((p) => p.kind === 'text' && p.line),
      [2, 4, 6],
    );
  });

  it('accepts a short name, the own level, a listed unit and the units of a 汇总 (I-01)', () => {
    assert.deepEqual(
      findingsOf([
        '第一部分  青山湖区医疗保障局部门概况',
        '第二部分  2020年度部门决算表',
        '编制单位：南昌市青山湖区医疗保障局（本级） 2020年度 金额单位：元',
      ]).map(brief),
      [],
    );
    assert.deepEqual(
      findingsOf([
        '2021年湛江市人民政府行政服务中心部门决算',
        '第一部分:湛江市人民政府行政服务中心概况',
        '第二部分:湛江市人民政府行政服务中心2021年部门决算表',
        '序号\t单位名称\t预算级次',
        '1\t湛江市人民政府行政服务中心\t本级',
        // A unit of the department (made up).
        '2\t湛江市公共资源交易中心\t二级',
        '编制单位：湛江市公共资源交易中心',
        // Another organisation named in a sentence, and a 绩效自评表's 主管部门 (made up).
        '市财政局2024年下达我中心专项资金50万元。',
        '主管部门：湛江市人民政府办公室',
      ]).map(brief),
      [],
    );
    assert.deepEqual(
      findingsOf([
        '2022年度湖南省岳阳市新港区2022年度部门决算汇总部门决算',
        '第一部分湖南省岳阳市新港区2022年度部门决算汇总概况',
        // A 汇总 prints its units' names on their tables (made up).
        '编制单位：岳阳市新港区财政局',
      ]).map(brief),
      [],
    );
  });
});

describe('in the audit', () => {
  it('runs on a narrative-only 决算 page and on a full one', () => {
    const result = auditDocument(
      rawFromLines([
        '上海市 XX 局',
        '2024 年度部门决算',
        '上海市 XX 局 2024 年度收入支出总计 XXX 万元。与 2023 年',
        '度相比，收入支出总计增加（减少）XXX 万元，增长（下降）XX%。',
        '主要原因：XXXXXXXX。',
        '（如持平作持平表述）',
      ]),
      { profiles: [testProfile()], catalog, rules: () => compileCatalogue({ rules: [] }) },
    );
    assert.deepEqual(result.findings.filter((f) => f.rule.startsWith('I-')).map(brief), [
      'I-04 error L1 XX',
      'I-04 error L3 XX、XXX',
      'I-05 error L4 增加（减少）、增长（下降）',
      'I-04 error L5 XXXXXXXX',
      'I-06 warning L6 （如持平作持平表述）',
    ]);
  });
});

function performanceGrid(project: string, rows: string[][]): PerformanceGrid {
  const table: RawTable = {
    kind: 'table',
    rows,
    rowLocations: rows.map((_, i) => ({ line: 101 + i })),
    location: { line: 101 },
  };
  return { title: '项目支出绩效自评表', project, blockIndex: 0, location: { line: 100 }, table };
}
