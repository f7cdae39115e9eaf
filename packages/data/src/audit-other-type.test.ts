/**
 * A document is read table by table: a table the chosen profile does not print is still recognised
 * by the table type another profile defines, its figures are placed, and the rules that profile has
 * for that table alone run on it; a table that cannot be read stops nothing else.
 *
 * The documents are one department's tables part as juesuan prints them and the readers hand over
 * the HTML (a row a line, cells tab-separated; two-sided rows without a figure left out): its
 * figures in 财政部's nine tables, laid out by the national (2023) and the Hunan (2024) profiles from
 * one builder, and the same figures in 元 in Jiangxi's layout of 2022 (jiangxi-2020). The extra
 * tables are Sichuan's (2023) and Jiangxi 2024's as juesuan prints them for the same department, and
 * Shanghai's 表九 laid out as the Shanghai 2024 template prints it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  type AuditResult,
  auditDocument,
  cellPlaces,
  type Finding,
  findCell,
  importDocuments,
  mainCell,
  renderAuditHtml,
} from '@juesuan/core';
import { readBytes } from '@juesuan/readers';
import { loadAuditContext } from './files';

const context = loadAuditContext();

/** The printed figures of a document in 财政部's nine-table layout, in 万元 (`-` for a blank cell). */
interface NineTablesFigures {
  department: string;
  /** 表1, line by line: the income figure, then the expense figure. */
  summary: string;
  /** 表2: the 合计 line, then the lines of 205 and of 208 (each printed for its 类, 款 and 项). */
  income: readonly [string, string, string];
  /** 表3, as 表2: 本年支出合计, 基本支出, 项目支出. */
  expense: readonly [string, string, string];
  /** 表4, line by line: the income figure, then the expense (合计, printed again as 一般公共预算). */
  fiscal: string;
  /** 表5, as 表3. */
  generalExpense: readonly [string, string, string];
  /** 表6: the figures of its three blocks (人员经费, 公用经费, the rest), line by line, and its two totals. */
  basic: readonly [string, string, string, string];
  /** 表7's one line of 预算数 and 决算数. */
  threePublic: string;
}

/** How a profile prints the nine tables: its part heading, 表号, 表6 title and where 三公 stands. */
interface NineTablesLayout {
  partHeading: (department: string, year: number) => string;
  number: (index: number) => string;
  basicTitle: string;
  threePublicLast: boolean;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

const NATIONAL_LAYOUT: NineTablesLayout = {
  partHeading: (department, year) => `第二部分 ${department}${year}年度部门决算表`,
  number: (i) => `表${i + 1}`,
  basicTitle: '一般公共预算财政拨款基本支出决算表',
  threePublicLast: false,
};

const HUNAN_LAYOUT: NineTablesLayout = {
  partHeading: () => '第二部分 部门决算表',
  number: (i) => `表${NUMERALS[i]}`,
  basicTitle: '一般公共预算财政拨款基本支出决算明细表',
  threePublicLast: true,
};

/** Cells written on one line, a space apart (`-` for a blank cell). */
const cellsOf = (cells: string) => cells.split(' ').map((cell) => (cell === '-' ? '' : cell));
const line = (...cells: string[]) => cells.join('\t');
const repeat = (count: number, ...cells: string[]) => Array.from({ length: count }, () => cells).flat();

/** Two-sided lines: `income-label 行次 expense-label 行次`, each with its income and expense figure. */
function twoSided(labels: readonly string[], figures: string, expenseCells: (figure: string) => string[]) {
  const values = cellsOf(figures);
  return labels.map((labelLine, i) => {
    const [income, incomeLine, expense, expenseLine] = cellsOf(labelLine);
    return line(
      income!,
      incomeLine!,
      values[2 * i]!,
      expense!,
      expenseLine!,
      ...expenseCells(values[2 * i + 1]!),
    );
  });
}

const FUNCTIONAL_LINES = [
  [1, '205 教育支出'],
  [1, '20502 普通教育'],
  [1, '2050205 高等教育'],
  [2, '208 社会保障和就业支出'],
  [2, '20805 行政事业单位养老支出'],
  [2, '2080505 机关事业单位基本养老保险缴费支出'],
] as const;

/** 合计 and the functional lines of 表2, 表3 and 表5, blank cells added up to `width` figures. */
function functionalGrid(figures: readonly [string, string, string], width: number): string[] {
  const cells = (i: number) => {
    const values = cellsOf(figures[i]!);
    return [...values, ...repeat(width - values.length, '')];
  };
  return [
    line('合计', '合计', ...cells(0)),
    ...FUNCTIONAL_LINES.map(([group, item]) => line(...item.split(' '), ...cells(group))),
  ];
}

/** 表6's three blocks of economic 类 and 款 (`code name`, a `|` apart) in print order. */
const PERSONNEL = `301 工资福利支出|30101 基本工资|30102 津贴补贴|30103 奖金|30106 伙食补助费|30107 绩效工资|30108 机关事业单位基本养老保险缴费|30109 职业年金缴费|30110 职工基本医疗保险缴费|30111 公务员医疗补助缴款|30112 其他社会保障缴费|30113 住房公积金|30114 医疗费|30199 其他工资福利支出|303 对个人和家庭的补助|30301 离休费|30302 退休费|30303 退职（役）费|30304 抚恤金|30305 生活补贴|30306 救济费|30307 医疗费补助|30308 助学金|30309 奖励金|30310 个人农业生产补贴|30311 代缴社会保险费|30399 其他对个人和家庭的补助支出`;
const PUBLIC = `302 商品和服务支出|30201 办公费|30202 印刷费|30203 咨询费|30204 手续费|30205 水费|30206 电费|30207 邮电费|30208 取暖费|30209 物业管理费|30211 差旅费|30212 因公出国（境）费用|30213 维修（护）费|30214 租赁费|30215 会议费|30216 培训费|30217 公务接待费|30218 专用材料费|30224 被装购置费|30225 专用燃料费|30226 劳务费|30227 委托业务费|30228 工会经费|30229 福利费|30231 公务用车运行维护费|30239 其他交通费用|30240 税金及附加费用|30299 其他商品和服务支出`;
const OTHER_BASIC = `307 债务利息及费用支出|30701 国内债务付息|30702 国外债务付息|30703 国内债务发行费用|30704 国外债务发行费用|310 资本性支出|31001 房屋建筑物购建|31002 办公设备购置|31003 专用设备购置|31005 基础设施建设|31006 大型修缮|31007 信息网络及软件购置更新|31008 物资储备|31009 土地补偿|31010 安置补助|31011 地上附着物和青苗补偿|31012 拆迁补偿|31013 公务用车购置|31019 其他交通工具购置|31021 文物和陈列品购置|31022 无形资产购置|31099 其他资本性支出|399 其他支出|39907 国家赔偿费用支出|39908 对民间非营利组织和群众性自治组织补贴|39909 经常性赠与|39910 资本性赠与|39999 其他支出`;

/** 表6's three blocks side by side, line by line (a block that has ended leaves its cells blank). */
function basicGrid([personnel, common, other, totals]: NineTablesFigures['basic']): string[] {
  const blocks = [
    [PERSONNEL, personnel],
    [PUBLIC, common],
    [OTHER_BASIC, other],
  ].map(([labels, figures]) => {
    const values = cellsOf(figures!);
    return labels!.split('|').map((label, i) => [...label.split(' '), values[i]!]);
  });
  const [personnelTotal, commonTotal] = cellsOf(totals);
  return [
    ...blocks[2]!.map((_, i) => line(...blocks.flatMap((block) => block[i] ?? repeat(3, '')))),
    line('人员经费合计', '人员经费合计', personnelTotal!, ...repeat(5, '公用经费合计'), commonTotal!),
  ];
}

/** The header lines of a “三公” table of 预算数 and 决算数 by kind, under its `fund` heading. */
function threePublicHeader(fund: string): string[] {
  const pairs = (...headings: string[]) => headings.flatMap((h) => [h, h]);
  return [
    line('项目', ...repeat(12, fund)),
    line(
      '项目',
      ...pairs('合计', '因公出国（境）费'),
      ...repeat(6, '公务用车购置及运行维护费'),
      ...pairs('公务接待费'),
    ),
    line(
      '项目',
      '预算数',
      '决算数',
      '预算数',
      '决算数',
      ...pairs('小计', '公务用车购置费', '公务用车运行维护费'),
      '预算数',
      '决算数',
    ),
    line('项目', ...repeat(6, '预算数', '决算数')),
  ];
}

const CODE_HEADER = (...columns: string[]) => [
  line('项目', '项目', ...columns),
  line('功能分类科目编码', '科目名称', ...columns),
  line('栏次', '栏次', ...columns.map((_, i) => String(i + 1))),
];
const INCOME_COLUMNS =
  '本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位上缴收入 其他收入'.split(' ');
const EXPENSE_COLUMNS = '本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出'.split(' ');
const EMPTY_TABLE_NOTE = (what: string) => `2. 当此表数据为空时，即本部门(单位)无${what}。`;

/** The tables part of a department's document in 财政部's nine-table layout, as the readers hand over its HTML. */
function nineTablesDocument(layout: NineTablesLayout, f: NineTablesFigures, year: number): string {
  const tables: { title: string; lines: string[] }[] = [
    {
      title: '收入支出决算总表',
      lines: [
        line('收入', '收入', '收入', '支出', '支出', '支出'),
        line('项目', '行次', '金额', '项目（按功能分类）', '行次', '金额'),
        line('栏次', '', '1', '栏次', '', '2'),
        ...twoSided(
          [
            '一、一般公共预算财政拨款收入 1 一、一般公共服务支出 32',
            '五、事业收入 5 五、教育支出 36',
            '八、其他收入 8 八、社会保障和就业支出 39',
            '本年收入合计 27 本年支出合计 58',
            '年初结转和结余 29 年末结转和结余 60',
            '总计 31 总计 62',
          ],
          f.summary,
          (e) => [e],
        ),
        '注：1. 本表反映部门（单位）本年度的总收支和年末结转结余情况。',
        '2. 本套报表金额单位转换时可能存在尾数误差。',
      ],
    },
    {
      title: '收入决算表',
      lines: [
        ...CODE_HEADER(...INCOME_COLUMNS),
        ...functionalGrid(f.income, 7),
        '注：本表反映部门（单位）本年度取得的各项收入情况。',
      ],
    },
    {
      title: '支出决算表',
      lines: [
        ...CODE_HEADER(...EXPENSE_COLUMNS),
        ...functionalGrid(f.expense, 6),
        '注：本表反映部门（单位）本年度各项支出情况。',
      ],
    },
    {
      title: '财政拨款收入支出决算总表',
      lines: [
        line('收入', '收入', '收入', ...repeat(6, '支出')),
        line(
          '项目',
          '行次',
          '金额',
          '项目（按功能分类）',
          '行次',
          '合计',
          '一般公共预算财政拨款',
          '政府性基金预算财政拨款',
          '国有资本经营预算财政拨款',
        ),
        line('栏次', '', '1', '栏次', '', '2', '3', '4', '5'),
        ...twoSided(
          [
            '一、一般公共预算财政拨款 1 一、一般公共服务支出 33',
            '- 5 五、教育支出 37',
            '- 8 八、社会保障和就业支出 40',
            '本年收入合计 27 本年支出合计 59',
            '年初财政拨款结转和结余 28 年末财政拨款结转和结余 60',
            '一、一般公共预算财政拨款 29 - 61',
            '总计 32 总计 64',
          ],
          f.fiscal,
          (e) => [e, e, '', ''],
        ),
        '注：本表反映部门(单位)本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。',
      ],
    },
    {
      title: '一般公共预算财政拨款支出决算表',
      lines: [
        ...CODE_HEADER(...EXPENSE_COLUMNS.slice(0, 3)),
        ...functionalGrid(f.generalExpense, 3),
        '注：本表反映部门(单位)本年度一般公共预算财政拨款支出情况。',
      ],
    },
    {
      title: layout.basicTitle,
      lines: [
        line(...repeat(3, '人员经费'), ...repeat(6, '公用经费')),
        line(...repeat(3, '经济分类科目编码', '科目名称', '金额')),
        ...basicGrid(f.basic),
        '注：本表反映部门(单位)本年度一般公共预算财政拨款基本支出明细情况。',
      ],
    },
    {
      title: '财政拨款“三公”经费支出决算表',
      lines: [
        ...threePublicHeader('财政拨款“三公”经费'),
        line('', ...cellsOf(f.threePublic)),
        '注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费年初预算数，决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。',
      ],
    },
    {
      title: '政府性基金预算财政拨款收入支出决算表',
      lines: [
        line('科目名称', '年初结转和结余', '本年收入', '本年支出', '本年支出', '本年支出', '年末结转和结余'),
        line('科目名称', '年初结转和结余', '本年收入', '小计', '基本支出', '项目支出', '年末结转和结余'),
        line('合计', ...repeat(6, '')),
        '注：1. 本表反映部门(单位)本年度政府性基金预算财政拨款收入、支出及结转和结余情况。',
        EMPTY_TABLE_NOTE('政府性基金预算财政拨款收入、支出'),
      ],
    },
    {
      title: '国有资本经营预算财政拨款支出决算表',
      lines: [
        line('科目名称', '合计', '基本支出', '项目支出'),
        line('栏次', '1', '2', '3'),
        line('合计', '', '', ''),
        '注：1. 本表反映部门(单位)本年度国有资本经营预算财政拨款支出情况。',
        EMPTY_TABLE_NOTE('国有资本经营预算财政拨款支出'),
      ],
    },
  ];
  if (layout.threePublicLast) tables.push(...tables.splice(6, 1));
  const heading = layout.partHeading(f.department, year);
  return [
    heading,
    ...tables.map((t, i) => `${NUMERALS[i]}、${t.title}`),
    heading,
    ...tables.flatMap((t, i) => [
      t.title,
      layout.number(i),
      `部门：${f.department}${year} 年度金额单位：万元`,
      ...t.lines,
    ]),
  ].join('\n');
}

/**
 * 萍乡市教育局's tables part (万元), the figures of its 2022 Jiangxi document below: printed by the
 * national layout for 2023 (表1–表9) and by Hunan's for 2024 (表一–表九).
 */
const PINGXIANG_EDUCATION: NineTablesFigures = {
  department: '萍乡市教育局',
  summary: '264.83 - - 21.84 - 243.22 264.83 265.06 9.82 9.59 274.65 274.65',
  income: [
    '264.83 264.83 0.00 0.00 0.00 0.00 0.00',
    '20.56 20.56 0.00 0.00 0.00 0.00 0.00',
    '244.27 244.27 0.00 0.00 0.00 0.00 0.00',
  ],
  expense: ['265.06 246.08 18.99', '21.84 2.85 18.99', '243.22 243.22 0.00'],
  fiscal: '264.83 - - 21.84 - 243.22 264.83 265.06 9.82 9.59 9.82 - 274.65 274.65',
  generalExpense: ['265.06 246.08 18.99', '21.84 2.85 18.99', '243.22 243.22 0.00'],
  basic: [
    '211.55 58.62 60.31 13.49 0.00 12.47 28.84 12.62 16.54 0.00 2.73 0.00 0.00 5.93 12.31 0.00 7.06 0.66 0.00 2.47 0.00 1.70 0.00 0.41 0.00 0.00 0.00',
    '20.72 0.00 0.00 0.00 0.00 0.00 0.99 0.00 0.00 0.54 2.15 0.00 0.68 0.00 0.32 0.67 6.22 0.00 0.00 0.00 0.93 0.00 0.70 0.67 3.20 2.65 0.00 0.99',
    '0.00 0.00 0.00 0.00 0.00 1.50 0.12 0.59 0.31 0.11 0.11 0.00 0.12 0.00 0.00 0.00 0.00 0.00 0.00 0.13 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00',
    '223.86 22.22',
  ],
  threePublic: '30.59 25.54 0.00 0.00 13.96 9.38 0.00 0.00 13.96 9.38 16.63 16.16',
};
const NATIONAL = nineTablesDocument(NATIONAL_LAYOUT, PINGXIANG_EDUCATION, 2023);
const HUNAN = nineTablesDocument(HUNAN_LAYOUT, PINGXIANG_EDUCATION, 2024);

/** 萍乡市教育局 2022, Jiangxi's layout of 2019–2023 (公开01–09表, 元). */
const JIANGXI = `第二部分 2022年度部门决算表
一、收入支出决算总表
二、收入决算表
三、支出决算表
四、财政拨款收入支出决算总表
五、一般公共预算财政拨款支出决算表
六、一般公共预算财政拨款基本支出决算表
七、一般公共预算财政拨款“三公”经费支出决算表
八、政府性基金预算财政拨款收入支出决算表
九、国有资产占用情况表
第二部分 2022年度部门决算表
收入支出决算总表
公开01表
编制单位：萍乡市教育局2022 年度金额单位：元
收入\t收入\t收入\t支出\t支出\t支出
项目\t行次\t决算数\t项目（按功能分类）\t行次\t决算数
栏次\t\t1\t栏次\t\t2
一、一般公共预算财政拨款收入\t1\t2,648,297.74\t一、一般公共服务支出\t32\t0.00
五、事业收入\t5\t0.00\t五、教育支出\t36\t218,408.48
八、其他收入\t8\t0.00\t八、社会保障和就业支出\t39\t2,432,227.89
本年收入合计\t27\t2,648,297.74\t本年支出合计\t58\t2,650,636.37
年初结转和结余\t29\t98,226.54\t年末结转和结余\t60\t95,887.91
总计\t31\t2,746,524.28\t总计\t62\t2,746,524.28
注：本表反映部门本年度的总收支和年末结转结余情况。
收入决算表
公开02表
编制单位：萍乡市教育局2022 年度金额单位：元
项目\t项目\t本年收入合计\t财政拨款收入\t上级补助收入\t事业收入\t经营收入\t附属单位上缴收入\t其他收入
功能分类科目编码\t科目名称\t本年收入合计\t财政拨款收入\t上级补助收入\t事业收入\t经营收入\t附属单位上缴收入\t其他收入
栏次\t栏次\t1\t2\t3\t4\t5\t6\t7
合计\t合计\t2,648,297.74\t2,648,297.74\t0.00\t0.00\t0.00\t0.00\t0.00
205\t教育支出\t205,593.18\t205,593.18\t0.00\t0.00\t0.00\t0.00\t0.00
20502\t普通教育\t205,593.18\t205,593.18\t0.00\t0.00\t0.00\t0.00\t0.00
2050205\t高等教育\t205,593.18\t205,593.18\t0.00\t0.00\t0.00\t0.00\t0.00
208\t社会保障和就业支出\t2,442,704.56\t2,442,704.56\t0.00\t0.00\t0.00\t0.00\t0.00
20805\t行政事业单位养老支出\t2,442,704.56\t2,442,704.56\t0.00\t0.00\t0.00\t0.00\t0.00
2080505\t机关事业单位基本养老保险缴费支出\t2,442,704.56\t2,442,704.56\t0.00\t0.00\t0.00\t0.00\t0.00
注：本表反映部门本年度取得的各项收入情况。
支出决算表
公开03表
编制单位：萍乡市教育局2022 年度金额单位：元
项目\t项目\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出
功能分类科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出
栏次\t栏次\t1\t2\t3\t4\t5\t6
合计\t合计\t2,650,636.37\t2,460,767.99\t189,868.38\t0.00\t0.00\t0.00
205\t教育支出\t218,408.48\t28,540.10\t189,868.38\t0.00\t0.00\t0.00
20502\t普通教育\t218,408.48\t28,540.10\t189,868.38\t0.00\t0.00\t0.00
2050205\t高等教育\t218,408.48\t28,540.10\t189,868.38\t0.00\t0.00\t0.00
208\t社会保障和就业支出\t2,432,227.89\t2,432,227.89\t0.00\t0.00\t0.00\t0.00
20805\t行政事业单位养老支出\t2,432,227.89\t2,432,227.89\t0.00\t0.00\t0.00\t0.00
2080505\t机关事业单位基本养老保险缴费支出\t2,432,227.89\t2,432,227.89\t0.00\t0.00\t0.00\t0.00
注：本表反映部门本年度各项支出情况。
财政拨款收入支出决算总表
公开04表
编制单位：萍乡市教育局2022 年度金额单位：元
收入\t收入\t收入\t支出\t支出\t支出\t支出\t支出\t支出
项目\t行次\t决算数\t项目（按功能分类）\t行次\t决算数\t决算数\t决算数\t决算数
项目\t行次\t决算数\t项目（按功能分类）\t行次\t小计\t一般公共预算\t政府性基金预算\t国有资本经营预算
栏次\t\t3\t栏次\t\t12\t13\t14\t15
一、一般公共预算\t1\t2,648,297.74\t一、一般公共服务支出\t33\t0.00\t0.00\t0.00\t0.00
\t5\t\t五、教育支出\t37\t218,408.48\t218,408.48\t0.00\t0.00
\t8\t\t八、社会保障和就业支出\t40\t2,432,227.89\t2,432,227.89\t0.00\t0.00
本年收入合计\t27\t2,648,297.74\t本年支出合计\t59\t2,650,636.37\t2,650,636.37\t0.00\t0.00
年初财政拨款结转和结余\t28\t98,226.54\t年末财政拨款结转和结余\t60\t95,887.91\t95,887.91\t0.00\t0.00
一、一般公共预算\t29\t98,226.54\t\t61\t\t\t\t
总计\t32\t2,746,524.28\t总计\t64\t2,746,524.28\t2,746,524.28\t0.00\t0.00
注：本表反映部门本年度一般公共预算财政拨款和政府性基金预算财政拨款的总收支和年末结转结余情况。
一般公共预算财政拨款支出决算表
公开05表
编制单位：萍乡市教育局2022 年度金额单位：元
项目\t项目\t本年支出合计\t基本支出\t项目支出
功能分类科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出
栏次\t栏次\t1\t2\t3
合计\t合计\t2,650,636.37\t2,460,767.99\t189,868.38
205\t教育支出\t218,408.48\t28,540.10\t189,868.38
20502\t普通教育\t218,408.48\t28,540.10\t189,868.38
2050205\t高等教育\t218,408.48\t28,540.10\t189,868.38
208\t社会保障和就业支出\t2,432,227.89\t2,432,227.89\t0.00
20805\t行政事业单位养老支出\t2,432,227.89\t2,432,227.89\t0.00
2080505\t机关事业单位基本养老保险缴费支出\t2,432,227.89\t2,432,227.89\t0.00
注：本表反映部门本年度一般公共预算财政拨款支出情况。
一般公共预算财政拨款基本支出决算表
公开06表
编制单位：萍乡市教育局2022 年度金额单位：元
人员经费\t人员经费\t人员经费\t公用经费\t公用经费\t公用经费\t公用经费\t公用经费\t公用经费
经济分类科目编码\t科目名称\t金额\t经济分类科目编码\t科目名称\t金额\t经济分类科目编码\t科目名称\t金额
301\t工资福利支出\t2,115,535.95\t302\t商品和服务支出\t207,197.25\t307\t债务利息及费用支出\t0.00
30101\t基本工资\t586,171.97\t30201\t办公费\t0.00\t30701\t国内债务付息\t0.00
30102\t津贴补贴\t603,106.61\t30202\t印刷费\t0.00\t30702\t国外债务付息\t0.00
30103\t奖金\t134,854.02\t30203\t咨询费\t0.00\t30703\t国内债务发行费用\t0.00
30106\t伙食补助费\t0.00\t30204\t手续费\t0.00\t30704\t国外债务发行费用\t0.00
30107\t绩效工资\t124,729.21\t30205\t水费\t0.00\t310\t资本性支出\t14,970.59
30108\t机关事业单位基本养老保险缴费\t288,423.86\t30206\t电费\t9,908.97\t31001\t房屋建筑物购建\t1,202.77
30109\t职业年金缴费\t126,224.48\t30207\t邮电费\t0.00\t31002\t办公设备购置\t5,892.01
30110\t职工基本医疗保险缴费\t165,399.85\t30208\t取暖费\t0.00\t31003\t专用设备购置\t3,092.29
30111\t公务员医疗补助缴款\t0.00\t30209\t物业管理费\t5,436.90\t31005\t基础设施建设\t1,102.89
30112\t其他社会保障缴费\t27,342.67\t30211\t差旅费\t21,506.23\t31006\t大型修缮\t1,127.67
30113\t住房公积金\t0.00\t30212\t因公出国（境）费用\t0.00\t31007\t信息网络及软件购置更新\t0.00
30114\t医疗费\t0.00\t30213\t维修（护）费\t6,842.32\t31008\t物资储备\t1,231.90
30199\t其他工资福利支出\t59,283.28\t30214\t租赁费\t0.00\t31009\t土地补偿\t0.00
303\t对个人和家庭的补助\t123,064.20\t30215\t会议费\t3,172.70\t31010\t安置补助\t0.00
30301\t离休费\t0.00\t30216\t培训费\t6,728.25\t31011\t地上附着物和青苗补偿\t0.00
30302\t退休费\t70,554.81\t30217\t公务接待费\t62,159.18\t31012\t拆迁补偿\t0.00
30303\t退职（役）费\t6,636.58\t30218\t专用材料费\t0.00\t31013\t公务用车购置\t0.00
30304\t抚恤金\t0.00\t30224\t被装购置费\t0.00\t31019\t其他交通工具购置\t0.00
30305\t生活补贴\t24,746.55\t30225\t专用燃料费\t0.00\t31021\t文物和陈列品购置\t1,321.06
30306\t救济费\t0.00\t30226\t劳务费\t9,275.90\t31022\t无形资产购置\t0.00
30307\t医疗费补助\t16,990.32\t30227\t委托业务费\t0.00\t31099\t其他资本性支出\t0.00
30308\t助学金\t0.00\t30228\t工会经费\t7,048.96\t312\t对企业补助\t0.00
30309\t奖励金\t4,135.94\t30229\t福利费\t6,734.97\t31201\t资本金注入\t0.00
30310\t个人农业生产补贴\t0.00\t30231\t公务用车运行维护费\t31,961.23\t31203\t政府投资基金股权投资\t0.00
30311\t代缴社会保险费\t0.00\t30239\t其他交通费用\t26,536.72\t31204\t费用补贴\t0.00
30399\t其他对个人和家庭的补助支出\t0.00\t30240\t税金及附加费用\t0.00\t31205\t利息补贴\t0.00
\t\t\t30299\t其他商品和服务支出\t9,884.92\t31299\t其他对企业补助\t0.00
\t\t\t\t\t\t399\t其他支出\t0.00
\t\t\t\t\t\t39906\t赠与\t0.00
\t\t\t\t\t\t39907\t国家赔偿费用支出\t0.00
\t\t\t\t\t\t39908\t对民间非营利组织和群众性自治组织补贴\t0.00
\t\t\t\t\t\t39999\t其他支出\t0.00
人员经费合计\t人员经费合计\t2,238,600.15\t公用支出合计\t公用支出合计\t公用支出合计\t公用支出合计\t公用支出合计\t222,167.84
注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。
一般公共预算财政拨款“三公”经费支出决算表
公开07表
编制单位：萍乡市教育局2022 年度金额单位：元
项目\t行次\t年初预算数\t决算数
栏次\t\t1\t2
一、“三公”经费支出\t1\t305,886.49\t255,426.80
1.因公出国（境）费\t2\t0.00\t0.00
2.公务用车购置及运行维护费\t3\t139,601.78\t93,827.56
（1）公务用车购置费\t4\t0.00\t0.00
（2）公务用车运行维护费\t5\t139,601.78\t93,827.56
3.公务接待费\t6\t166,284.71\t161,599.24
（1）国内接待费\t7\t—\t123,001.82
其中：外事接待费\t8\t—\t29,724.98
（2）国（境）外接待费\t9\t—\t38,597.42
二、相关统计数\t10\t—\t—
1.因公出国（境）团组数（个）\t11\t—\t0
2.因公出国（境）人次数（人）\t12\t—\t0
3.公务用车购置数（辆）\t13\t—\t0
4.公务用车保有量（辆）\t14\t—\t3
5.国内公务接待批次（个）\t15\t—\t49
其中：外事接待批次（个）\t16\t—\t3
6.国内公务接待人次（人）\t17\t—\t441
其中：外事接待人次（人）\t18\t—\t9
7.国（境）外公务接待批次（个）\t19\t—\t2
8.国（境）外公务接待人次（人）\t20\t—\t12
注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费年初预算数，决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。
政府性基金预算财政拨款收入支出决算表
公开08表
编制单位：萍乡市教育局2022 年度金额单位：元
科目名称\t年初结转和结余\t本年收入\t本年支出\t本年支出\t本年支出\t年末结转和结余
科目名称\t年初结转和结余\t本年收入\t小计\t基本支出\t项目支出\t年末结转和结余
合计\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00
注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。
国有资产占用情况表
公开09表
编制单位：萍乡市教育局2022 年度单位：台、辆、套
项目\t行次\t决算数
一、车辆数合计(台、辆)\t1\t3
1.副部（省）级及以上领导用车\t2\t0
2.主要领导干部用车\t3\t0
3.机要通信用车\t4\t0
4.应急保障用车\t5\t0
5.执法执勤用车\t6\t3
6.特种专业技术用车\t7\t0
7.离退休干部用车\t8\t0
8.其他用车\t9\t0
二、单价50万元（含）以上通用设备（台，套）\t10\t0
三、单价100万元（含）以上专用设备（台，套）\t11\t0
注：本表反映截止2020年12月31日，部门占用的国有资产情况。`;

/** Sichuan's 表九: 一般公共预算财政拨款项目支出 by economic 款. */
const SICHUAN_PROJECT_EXPENSE = `一般公共预算财政拨款项目支出决算表
表九
部门：萍乡市教育局2023 年度金额单位：万元
项目\t项目\t项目支出
经济分类科目编码\t科目名称（按部门预算支出经济分类）\t项目支出
栏次\t栏次\t1
合计\t合计\t18.99
302\t商品和服务支出\t18.99
30206\t电费\t3.07
30209\t物业管理费\t1.39
30211\t差旅费\t3.92
30213\t维修（护）费\t1.93
30215\t会议费\t0.29
30216\t培训费\t2.55
30226\t劳务费\t0.70
30228\t工会经费\t0.58
30229\t福利费\t1.91
30239\t其他交通费用\t1.45
30299\t其他商品和服务支出\t1.20
注：本表反映部门(单位)本年度一般公共预算财政拨款项目支出按部门预算支出经济分类科目列示的情况。`;

/** Sichuan's 表十二 (政府性基金 三公) as a department without such spending prints it, without Sichuan's note. */
const SICHUAN_FUND_THREE_PUBLIC = [
  '政府性基金预算财政拨款“三公”经费支出决算表',
  '表十二',
  '部门：萍乡市教育局2023 年度金额单位：万元',
  ...threePublicHeader('政府性基金预算财政拨款“三公”经费'),
  line('', ...repeat(12, '0.00')),
].join('\n');

/** Shanghai's 表九 as its 2024 template lays it out, with the template's statement for an empty table. */
const SHANGHAI_STATE_CAPITAL = `国有资本经营预算财政拨款收入支出决算表
表九
编制单位：萍乡市教育局2022 年度金额单位：元
项目\t项目\t年初结转和结余\t本年收入\t本年支出\t本年支出\t本年支出\t年末结转和结余
功能分类科目编码\t科目名称\t年初结转和结余\t本年收入\t合计\t基本支出\t项目支出\t年末结转和结余
合计\t合计\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00
注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。
说明：萍乡市教育局本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。`;

/** Jiangxi 2024's 公开10表. */
const STATE_ASSETS = `国有资产占用情况表
公开10表
部门：萍乡市教育局2024 年度单位：台、辆、套
项目\t行次\t决算数
栏次\t\t1
一、车辆数合计(台、辆)\t1\t1
1. 副部（省）级及以上领导用车\t2\t0
2. 主要负责人用车\t3\t0
3. 机要通信用车\t4\t1
4. 应急保障用车\t5\t0
5. 执法执勤用车\t6\t0
6. 特种专业技术用车\t7\t0
7. 离退休干部服务用车\t8\t0
8. 其他用车\t9\t0
二、单价100万元（含）以上设备（不含车辆）(台、套)\t10\t0
注：1. 本表反映截止2024年12月31日，部门(单位)占用的国有资产情况。`;

const audits = new Map<string, Promise<AuditResult>>();

/** The document of these parts as the text reader reads it, audited (once per text). */
function audit(...parts: string[]): Promise<AuditResult> {
  const text = parts.join('\n');
  let result = audits.get(text);
  if (!result) {
    result = readBytes(new TextEncoder().encode(text), '部门决算.txt').then((raw) =>
      auditDocument(raw, context),
    );
    audits.set(text, result);
  }
  return result;
}

/**
 * The host document audited alone and with the extra tables after it: read by `profile` either way,
 * with the same tables and the same findings of its own, and no finding of another type's rules.
 */
async function auditWithExtra(host: string, profile: string, ...extra: string[]) {
  const alone = await audit(host);
  const doc = await audit(host, ...extra);
  assert.equal(doc.profile.id, profile);
  assert.deepEqual(tableIds(doc), tableIds(alone));
  assert.deepEqual(byOtherTypes(doc), []);
  assert.deepEqual(ownIds(doc), ownIds(alone));
  return { host: alone, doc };
}

/** The text with one printed figure replaced, as a misprint would. */
function misprint(text: string, printed: string, wrong: string): string {
  assert.ok(text.includes(printed), `表中没有「${printed}」`);
  return text.replace(printed, wrong);
}

/** Sichuan's 表九 with its 302 line misprinted: 19.99 where the 款 under it add up to 18.99. */
const MISPRINTED_PROJECT_EXPENSE = misprint(
  SICHUAN_PROJECT_EXPENSE,
  '302\t商品和服务支出\t18.99',
  '302\t商品和服务支出\t19.99',
);

/** Findings of another profile's rules: their rule is the registry key `<profile>:<id>`. */
const byOtherTypes = (result: AuditResult) => result.findings.filter((f) => f.rule.includes(':'));
const ownIds = (result: AuditResult) =>
  result.findings
    .filter((f) => !f.rule.includes(':'))
    .map((f) => f.id)
    .sort();
const tableIds = (result: AuditResult) => result.tables.map((t) => t.id);
const rowOf = (f: Finding) => mainCell(f)?.row?.key;

describe('a table the chosen profile does not print is recognised and checked by its own type', () => {
  it('reads Sichuan’s 项目支出 by 款 and 政府性基金“三公” tables in a national-layout document as Sichuan’s, leaving the nine national tables and their findings as they were', async () => {
    // The consistent tables add no finding; the empty 政府性基金“三公” table without Sichuan's note is
    // not held to Sichuan's rule that an empty table must say so.
    const { doc } = await auditWithExtra(
      NATIONAL,
      'national',
      SICHUAN_PROJECT_EXPENSE,
      SICHUAN_FUND_THREE_PUBLIC,
    );
    assert.deepEqual(
      doc.otherTypeTables.map((t) => [t.id, t.number, t.definedBy]),
      [
        [
          'sichuan:T05P',
          '表九',
          { profile: 'sichuan', table: 'T05P', number: '表九', title: '一般公共预算财政拨款项目支出决算表' },
        ],
        [
          'sichuan:T09G',
          '表十二',
          {
            profile: 'sichuan',
            table: 'T09G',
            number: '表十二',
            title: '政府性基金预算财政拨款“三公”经费支出决算表',
          },
        ],
      ],
    );
    const projects = doc.otherTypeTables[0]!.view;
    assert.equal(findCell(projects, '30206', 'amount')?.value, 3_070_000n, '电费 3.07万元');
    assert.equal(findCell(projects, 'total', 'amount')?.value, 18_990_000n);
    assert.deepEqual(doc.unknownTables, []);
    assert.match(
      renderAuditHtml([doc]),
      /<td>表九<\/td><td>一般公共预算财政拨款项目支出决算表<div class="muted">不属于本口径，按口径 sichuan 的表九识别并审核/,
    );
  });

  it('fires Sichuan’s T05P-01 on a misprinted 款 of its 项目支出 table, on that table and saying which type checked it', async () => {
    const host = await audit(NATIONAL);
    const doc = await audit(NATIONAL, MISPRINTED_PROJECT_EXPENSE, SICHUAN_FUND_THREE_PUBLIC);
    const fired = byOtherTypes(doc);
    assert.deepEqual(fired.map((f) => [f.rule, f.severity, rowOf(f)]).sort(), [
      ['sichuan:T05P-01', 'error', '302'],
      ['sichuan:T05P-01', 'error', 'total'],
    ]);
    for (const f of fired) {
      assert.ok(f.id.startsWith('sichuan:T05P-01@'), f.id);
      assert.deepEqual([mainCell(f)?.table, mainCell(f)?.tableNumber], ['sichuan:T05P', '表九']);
      assert.match(f.message, /按口径 sichuan 的表九「一般公共预算财政拨款项目支出决算表」审核/);
      assert.ok(
        f.places.some((p) => p.kind === 'text' && p.line !== undefined),
        '在文中读到的位置',
      );
    }
    const row302 = fired.find((f) => rowOf(f) === '302')!;
    assert.deepEqual([row302.found?.value, row302.expected?.value], ['19990000', '18990000']);
    assert.deepEqual(ownIds(doc), ownIds(host));
  });

  it('fires Sichuan’s T09G-01 when the 政府性基金“三公” total is not the sum of its items', async () => {
    const wrong = misprint(SICHUAN_FUND_THREE_PUBLIC, '\t0.00\t0.00\t0.00', '\t0.00\t1.20\t0.00');
    const doc = await audit(NATIONAL, SICHUAN_PROJECT_EXPENSE, wrong);
    assert.deepEqual(
      byOtherTypes(doc).map((f) => [f.rule, f.severity, mainCell(f)?.table, mainCell(f)?.column?.key]),
      [['sichuan:T09G-01', 'error', 'sichuan:T09G', 'totalActual']],
    );
  });

  it('reads Shanghai’s 表九 in a Jiangxi document of 2022 by the type Sichuan prints that year, and fires its rules on a misprinted 本年支出', async () => {
    const { host, doc } = await auditWithExtra(JIANGXI, 'jiangxi-2020', SHANGHAI_STATE_CAPITAL);
    assert.deepEqual(
      doc.otherTypeTables.map((t) => [t.id, t.number, t.definedBy?.number]),
      [['sichuan:T08I', '表九', '表十三']],
    );
    assert.deepEqual(doc.unknownTables, []);

    // The table filled, its 本年支出合计 misprinted: 100,000.00 where 基本支出 and 项目支出 add up to
    // 80,000.00. Only its own sums are checked: 公开04表's 国有资本经营 figures do not enter.
    const spending = misprint(
      SHANGHAI_STATE_CAPITAL,
      '合计\t合计\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00',
      '合计\t合计\t0.00\t120,000.00\t100,000.00\t0.00\t80,000.00\t40,000.00\n223\t国有资本经营预算支出\t0.00\t120,000.00\t80,000.00\t0.00\t80,000.00\t40,000.00',
    );
    const wrong = await audit(JIANGXI, spending);
    const fired = byOtherTypes(wrong);
    assert.deepEqual([...new Set(fired.map((f) => f.rule))].sort(), [
      'sichuan:T08I-01',
      'sichuan:T08I-02',
      'sichuan:T08I-03',
    ]);
    assert.ok(fired.every((f) => f.severity === 'error' && mainCell(f)?.table === 'sichuan:T08I'));
    assert.ok(
      fired.every((f) => rowOf(f) === 'total'),
      '223 行本身无误',
    );
    assert.deepEqual(ownIds(wrong), ownIds(host));
  });

  it('reads Jiangxi 2024’s 国有资产占用情况表 in a Hunan document of 2024, and fires its T10-01 on a wrong 车辆数合计', async () => {
    const { doc } = await auditWithExtra(HUNAN, 'hunan', STATE_ASSETS);
    assert.deepEqual(
      doc.otherTypeTables.map((t) => [t.id, t.definedBy?.title]),
      [['jiangxi-2024:T10', '国有资产占用情况表']],
    );
    assert.equal(findCell(doc.otherTypeTables[0]!.view, 'L4', 'actual')?.value, 1n, '机要通信用车 1 辆');

    const wrong = await audit(HUNAN, misprint(STATE_ASSETS, '(台、辆)\t1\t1', '(台、辆)\t1\t2'));
    assert.deepEqual(
      byOtherTypes(wrong).map((f) => [f.rule, f.severity, mainCell(f)?.table, mainCell(f)?.row?.line]),
      [['jiangxi-2024:T10-01', 'error', 'jiangxi-2024:T10', 1]],
    );
  });

  it('leaves that table unknown in a Jiangxi document of 2020 (the published Qingshanhu sample): no profile covering 2020 prints it', async () => {
    const sample = readFileSync(new URL('./testing/samples/qingshanhu-2020.txt', import.meta.url), 'utf8');
    const host = await audit(sample);
    const extra = SHANGHAI_STATE_CAPITAL.replaceAll('萍乡市教育局', '南昌市青山湖区医疗保障局').replace(
      '2022 年度',
      '2020 年度',
    );
    const doc = await audit(sample, extra);
    assert.deepEqual(doc.otherTypeTables, []);
    assert.deepEqual(
      doc.unknownTables.map((u) => [u.title, u.variant?.profile, u.variant?.number]),
      [
        ...host.unknownTables.map((u) => [u.title, u.variant?.profile, u.variant?.number]),
        ['国有资本经营预算财政拨款收入支出决算表', 'shanghai-2024', '表九'],
      ],
    );
    assert.deepEqual(tableIds(doc), tableIds(host));
  });

  it('does not let a table it cannot read stop the others: 表5 with garbage under its real title is R-07, every other table and the other type’s table are still checked', async () => {
    const garbled = NATIONAL.replace(
      /(\n一般公共预算财政拨款支出决算表\n表5\n[^\n]*\n)(?:[^\n]*\t[^\n]*\n)+/,
      '$1■■\t□□□\t▲▲\n%%\t◆◆◆\t\n\t▓▓▓\t░░\n',
    );
    assert.notEqual(garbled, NATIONAL);
    const host = await audit(NATIONAL);
    const doc = await audit(garbled, MISPRINTED_PROJECT_EXPENSE, SICHUAN_FUND_THREE_PUBLIC);
    assert.deepEqual(
      tableIds(doc),
      tableIds(host).filter((id) => id !== 'T05'),
    );
    assert.deepEqual(
      doc.missingTables.map((t) => t.id),
      ['T05'],
    );
    const aboutTable5 = doc.findings.filter((f) => cellPlaces(f).some((c) => c.table === 'T05'));
    assert.deepEqual(
      aboutTable5.map((f) => [f.rule, f.severity]),
      [['R-07', 'warning']],
    );
    assert.match(aboutTable5[0]!.message, /表5「一般公共预算财政拨款支出决算表」印出了表格，但读不出其内容/);
    assert.ok(doc.summary.rulesRun > 0);
    assert.deepEqual(
      doc.otherTypeTables.map((t) => t.id),
      ['sichuan:T05P', 'sichuan:T09G'],
    );
    assert.equal(byOtherTypes(doc).length, 2, '表九的两处 T05P-01');
    // The findings of the other tables are those of the readable document, less 表5's own.
    const readable = ownIds(host).filter((id) => !/@T05\b/.test(id));
    assert.deepEqual(
      ownIds(doc).filter((id) => !id.startsWith('R-07')),
      readable,
    );
  });

  it('lists the figures of a table of another type as not imported, naming the table it is', async () => {
    const raw = await readBytes(
      new TextEncoder().encode([NATIONAL, SICHUAN_PROJECT_EXPENSE].join('\n')),
      '部门决算.txt',
    );
    const imported = importDocuments([raw], context);
    assert.ok(imported.ok);
    const unplaced = imported.report.unplaced.filter((u) => u.reason === 'unknown-table');
    assert.equal(unplaced.length, 14, '合计、302 与 12 个款');
    assert.ok(
      unplaced.every((u) =>
        u.message.includes('它是口径 sichuan 的表九「一般公共预算财政拨款项目支出决算表」'),
      ),
      unplaced[0]?.message,
    );
  });
});
