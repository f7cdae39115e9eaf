import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileCatalogue } from '../rules/catalogue';
import { normalizeText } from '../text/normalize';
import { auditDocument } from './audit';
import { documentKind, kindOfLine } from './document-kind';
import { testCatalog as catalog, rawFromLines, TEST_TABLE_LINES, testProfile } from './testing';

// Every line below is printed in a published document (a budget PDF, a 决算 page, a sample).
const kindOf = (...lines: string[]) => documentKind(rawFromLines(lines));

describe('document kind', () => {
  it('knows a 部门预算 by its cover, whatever its body says of 决算', () => {
    const kind = kindOf(
      '上海市普陀区2025年区级部门预算',
      '预算主管部门：上海市普陀区财政局',
      '目 录',
      '四、部门预算编制说明 ………………………………',
      '1. 2025年部门财务收支预算总表 ……………………',
      '（十一）负责政府投资项目资金管理，参与拟订区政府建设投资的有关政策，负责本区基本建设项目的财务管理和财政监督；审批基本建设单位的年度财务决算；编制和落实本区土地收支基金预决算，加强土地收支预算执行情况管理。',
      '2025年，上海市普陀区财政局收入预算3,121.42万元，其中：财政拨款收入3,121.42万元，比2024年预算增加107.62万元。',
    );
    assert.equal(kind.kind, 'budget');
    assert.equal(kind.label, '部门预算');
    assert.equal(kind.year, 2025);
    assert.equal(kind.decidedBy, 'title');
    assert.equal(kind.confidence, 0.95);
    assert.deepEqual(
      kind.evidence.filter((e) => e.role === 'title').map((e) => e.text),
      ['上海市普陀区2025年区级部门预算'],
    );
  });

  it('tells a 单位预算 from a 部门预算 by the cover, though its tables say 部门预算经济分类', () => {
    const kind = kindOf(
      '上海市2025年市级单位预算',
      '预算单位：上海市财政局',
      '目 录',
      '五、单位预算表',
      '8． 2025年预算单位一般公共预算基本支出部门预算经济分类预算表',
    );
    assert.equal(kind.kind, 'budget');
    assert.equal(kind.label, '单位预算');
  });

  it('knows a budget without its cover by its 目录 and table titles (a Jiangsu narrative file)', () => {
    const kind = kindOf(
      '- 1 -',
      '目 录',
      '第一部分 部门概况',
      '第二部分 2019 年度部门预算表',
      '一、收支预算总表',
      '七、一般公共预算支出预算表',
      '第三部分 2019 年度部门预算情况说明',
    );
    assert.equal(kind.kind, 'budget');
    assert.equal(kind.decidedBy, 'heading');
    assert.equal(kind.year, 2019);
  });

  it('knows a 部门决算 that says 预算 in every table title and sentence', () => {
    const kind = kindOf(
      '北京市朝阳区财政局2022年度部门决算公开',
      '日期:2023-09-13 来源:区财政局 打印页面 关闭页面',
      '目 录',
      '五、一般公共预算财政拨款收入支出决算表',
      '七、政府性基金预算财政拨款收入支出决算表',
      '九、国有资本经营预算财政拨款支出决算表',
      '报表详见附件。',
      '2022年度本年收入合计9,578.17万元，比上年增加1,446.43万元，增长17.79%，其中：财政拨款收入9,578.17万元，占收入合计的100.00%。',
    );
    assert.equal(kind.kind, 'final-accounts');
    assert.equal(kind.label, '部门决算');
    assert.equal(kind.year, 2022);
    assert.equal(kind.evidence[0]?.text, '北京市朝阳区财政局2022年度部门决算公开');
  });

  it('reads a 三公 section in traditional characters by its headings', () => {
    const kind = kindOf(
      '一、2023年度一般公共預算及政府性基金財政撥款“三公”經費支出決算表',
      '二、2023年度一般公共預算及政府性基金財政撥款“三公”經費支出決算情況說明',
      '2023年度一般公共預算及政府性基金財政撥款“三公”經費支出預算為6.35萬元,支出決算為6.35萬元,完成預算的100%;較上年增加0.61萬元,增長10.63%。',
    );
    assert.equal(kind.kind, 'final-accounts');
    assert.equal(kind.decidedBy, 'heading');
  });

  it('keeps a 决算 whose 目录 lists 绩效自评表 a 决算, and names 单位决算 and 汇总', () => {
    const yunnan = kindOf(
      '耿马傣族佤族自治县政务服务管理局2022年度部门决算',
      '目录',
      '十三、部门整体支出绩效自评表',
      '十四、项目支出绩效自评表',
      '(一)部门整体支出绩效自评情况',
    );
    assert.equal(yunnan.kind, 'final-accounts');
    assert.equal(kindOf('2023年度泸州市中医医院单位决算', '来源:泸州市中医医院').label, '单位决算');
    assert.equal(
      kindOf('2022年度湖南省岳阳市新港区2022年度部门决算汇总部门决算', '目 录').label,
      '部门决算（汇总）',
    );
  });

  it('finds the headings of a page flattened into one line', () => {
    const kind = kindOf(
      '曾都区河道堤防建设管理处 2021 年度决算公开说明 (目录) 第一部分:基本情况 一、部门主要职能 第五部分:2021 年度部门决算公开报表(见附件) 表 1:收入支出决算总表 表 2:收入决算表 表 3:支出决算表',
    );
    assert.equal(kind.kind, 'final-accounts');
    assert.ok(kind.evidence.some((e) => e.text === '表 2:收入决算表'));
  });

  it('knows a 部门整体支出绩效自评报告 on its own, with its year', () => {
    const kind = kindOf(
      '岳阳市城市管理监督指挥中心2018绩效评价自评报告及评分表(整体支出和数字城管信息采集服务费专项支出)',
      '来源:财务科   2019-07-09 16:55',
      '岳阳市2018年度部门整体支出',
      '绩效评价自评报告',
      '预 算 编 码:   906017',
      '评价方式:部门(单位)绩效自评',
      '岳阳市财政局(制)',
      '一、部门(单位)基本概况',
    );
    assert.equal(kind.kind, 'performance');
    assert.equal(kind.label, '部门整体支出绩效自评报告');
    assert.equal(kind.year, 2018);
  });

  it('knows a budget page without title or headings by its budget figures (a school budget, page 5)', () => {
    const kind = kindOf(
      '(一)教育支出类科目 5,806,105.16 元,占支出总预算',
      '82.27%,同比增加 3,520,772.45 元,增长 154.06%。',
      '2023 年财政拨款收支总预算 7,057,486.18 元。收入包',
      '五、一般公共预算支出情况说明',
    );
    assert.equal(kind.kind, 'budget');
    assert.equal(kind.decidedBy, 'content');
    assert.equal(kind.confidence, 0.6);
  });

  it('reads the table headers when nothing else speaks: 决算数 beside 年初预算数, or 预算数 alone', () => {
    assert.equal(kindOf('项目\t栏次\t年初预算数\t决算数', '合计\t1\t839.32\t940.49').kind, 'final-accounts');
    assert.equal(
      kindOf(
        '项目\t预算数\t项目\t预算数',
        '一、财政拨款收入\t31,214,205.80\t一、一般公共服务支出\t22,186,440.80',
      ).kind,
      'budget',
    );
  });

  it('says unknown, with no confidence, when no line names a kind', () => {
    const kind = kindOf('一、部门主要职责', '（一）贯彻执行国家医疗保障制度的法律法规。');
    assert.equal(kind.kind, 'unknown');
    assert.equal(kind.confidence, 0);
    assert.deepEqual(kind.evidence, []);
  });

  it('knows the two samples as 部门决算: Jingdezhen by its title, Qingshanhu (no title) by its headings', () => {
    const jingdezhen = kindOf(
      '# 景德镇市医疗保障局 2024 年度部门决算',
      '## 目 录',
      '### 第二部分 2024 年度部门决算表',
      '- 五、一般公共预算财政拨款支出决算表',
      '九、预算绩效情况说明',
    );
    assert.deepEqual(
      [jingdezhen.kind, jingdezhen.year, jingdezhen.decidedBy],
      ['final-accounts', 2024, 'title'],
    );
    const qingshanhu = kindOf(
      ' 第四部分  名词解释',
      '纳入本套部门决算汇编范围的单位共1个，包括：青山湖区医疗保障局。',
      '第二部分  2020年度部门决算表',
      ' 草案03表',
      '预算',
      '营预算',
      '财政拨款收入支出决算总表',
      '项目支出绩效自评表',
      '项目支出绩效自评表',
    );
    assert.deepEqual([qingshanhu.kind, qingshanhu.decidedBy], ['final-accounts', 'heading']);
  });

  it('decides a line by its last kind word once fund names and budget columns are set aside', () => {
    const of = (line: string) => kindOfLine(normalizeText(line));
    assert.equal(of('一般公共预算财政拨款“三公”经费支出决算表'), 'final-accounts');
    assert.equal(of('2025年部门一般公共预算支出功能分类预算表'), 'budget');
    assert.equal(of('十三、关于2023年度预算绩效情况的说明'), undefined);
    assert.equal(of('[ 体裁分类 ] | 财政预算、决算 |'), undefined);
    assert.equal(of('十四、项目支出绩效自评表'), 'performance');
  });
});

describe('audit by document kind', () => {
  const auditLines = (lines: readonly string[]) =>
    auditDocument(rawFromLines(lines), {
      profiles: [testProfile()],
      catalog,
      rules: () => compileCatalogue({ rules: [] }),
    });

  it('says a budget is a budget and runs no 决算 rule on its tables', () => {
    const result = auditLines([
      '上海市普陀区2025年区级部门预算',
      '预算主管部门：上海市普陀区财政局',
      '2025年部门财务收支预算总表',
      '编制部门：上海市普陀区财政局 单位：元',
      '项目\t预算数\t项目\t预算数',
      '一、财政拨款收入\t31,214,205.80\t一、一般公共服务支出\t22,186,440.80',
    ]);
    assert.deepEqual(
      result.findings.map((f) => [f.rule, f.severity, f.message]),
      [
        [
          'R-05',
          'warning',
          '这是一份部门预算公开文件（2025年度），不是部门决算；未按决算口径审核。（依据标题「上海市普陀区2025年区级部门预算」）',
        ],
      ],
    );
    assert.equal(result.documentKind.kind, 'budget');
    assert.deepEqual([result.tables, result.missingTables, result.unknownTables], [[], [], []]);
    assert.equal(result.summary.rulesRun, 0);
  });

  it('gives a 决算 excerpt whose tables are attachments one R-06, not an R-01 per table', () => {
    const result = auditLines([
      '北京市朝阳区财政局2022年度部门决算公开',
      '第一部分 2022年度部门决算报表',
      '一、收入支出决算总表',
      '四、财政拨款收入支出决算总表',
      '十、财政拨款“三公”经费支出决算表',
      '第一部分 2022年度部门决算报表',
      '报表详见附件。',
    ]);
    assert.deepEqual(
      result.findings.map((f) => [f.rule, f.severity]),
      [['R-06', 'info']],
    );
    assert.match(result.findings[0]!.message, /（目录或正文列出 3 张表）；文中写明「报表详见附件。」/);
    assert.equal(result.missingTables.length, testProfile().tableDefs.filter((d) => d.printed).length);
  });

  it('warns once when a 决算 has no table and does not say where they are', () => {
    const result = auditLines(['2020年度浙江省卫生健康委员会部门决算', '一、概况', '(一)部门职责']);
    assert.deepEqual(
      result.findings.map((f) => [f.rule, f.severity]),
      [['R-06', 'warning']],
    );
  });

  it('keeps R-01 for a 决算 that prints some of its tables', () => {
    const result = auditLines(TEST_TABLE_LINES);
    assert.equal(result.documentKind.kind, 'final-accounts');
    assert.deepEqual(
      result.findings.map((f) => f.rule),
      ['R-01'],
    );
  });

  it('says a 绩效 report on its own is one (info) and checks it as such', () => {
    const result = auditLines([
      '岳阳市2018年度部门整体支出',
      '绩效评价自评报告',
      '评价方式:部门(单位)绩效自评',
    ]);
    assert.deepEqual(
      result.findings.map((f) => [f.rule, f.severity, f.ruleSeverity]),
      [['R-05', 'info', 'warning']],
    );
    assert.match(
      result.findings[0]!.message,
      /^这是一份部门整体支出绩效自评报告（2018年度），不是部门决算；/,
    );
  });
});
