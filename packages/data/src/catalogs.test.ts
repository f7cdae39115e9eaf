/**
 * The shipped 政府收支分类科目 (catalogs/functional.tsv, catalogs/economic.tsv): they parse, their year
 * ranges are consistent for every year we support, and every code the two real disclosures print
 * (景德镇 2024, S2; 青山湖 2020, S0) is in force in that year under the printed name.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type CatalogEntry, type Classification, parentCode, parseCatalogTsv } from '@juesuan/core';
import { CATALOGS_DIR, loadCatalog } from './files';

const SUPPORTED_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const CLASSIFICATIONS: Classification[] = ['functional', 'economic'];

function rows(classification: Classification): CatalogEntry[] {
  return parseCatalogTsv(readFileSync(join(CATALOGS_DIR, `${classification}.tsv`), 'utf8'), classification);
}

/** `code name` per line, as the table prints them (names joined where the print wrapped them). */
function printed(block: string): [code: string, name: string][] {
  return block
    .trim()
    .split('\n')
    .map((line) => {
      const match = /^(\d+) (\S+)$/.exec(line.trim());
      if (!match) throw new Error(`测试数据行写错了：${line}`);
      return [match[1]!, match[2]!];
    });
}

/**
 * The 类 rows of T01/T04, which print names without codes; the code is the one the jiangxi profiles
 * give the 行次 (L32–57 in T01, L33–58 in T04).
 */
const CLASS_ROWS = printed(`
201 一般公共服务支出
202 外交支出
203 国防支出
204 公共安全支出
205 教育支出
206 科学技术支出
207 文化旅游体育与传媒支出
208 社会保障和就业支出
210 卫生健康支出
211 节能环保支出
212 城乡社区支出
213 农林水支出
214 交通运输支出
215 资源勘探工业信息等支出
216 商业服务业等支出
217 金融支出
219 援助其他地区支出
220 自然资源海洋气象等支出
221 住房保障支出
222 粮油物资储备支出
223 国有资本经营预算支出
224 灾害防治及应急管理支出
229 其他支出
231 债务还本支出
232 债务付息支出
234 抗疫特别国债安排的支出
`);

/** 景德镇市医疗保障局 2024, 公开02/03/05表 (T02 lists 20801 and 2080109 with 0.00). */
const JINGDEZHEN_2024_FUNCTIONAL = printed(`
208 社会保障和就业支出
20801 人力资源和社会保障管理事务
2080109 社会保险经办机构
20805 行政事业单位养老支出
2080505 机关事业单位基本养老保险缴费支出
2080506 机关事业单位职业年金缴费支出
210 卫生健康支出
21011 行政事业单位医疗
2101101 行政单位医疗
2101102 事业单位医疗
2101103 公务员医疗补助
2101199 其他行政事业单位医疗支出
21015 医疗保障管理事务
2101501 行政运行
2101506 医疗保障经办事务
2101599 其他医疗保障管理事务支出
21099 其他卫生健康支出
2109999 其他卫生健康支出
221 住房保障支出
22102 住房改革支出
2210201 住房公积金
`);

/** 景德镇市医疗保障局 2024, 公开06表, all three blocks. */
const JINGDEZHEN_2024_ECONOMIC = printed(`
301 工资福利支出
30101 基本工资
30102 津贴补贴
30103 奖金
30106 伙食补助费
30107 绩效工资
30108 机关事业单位基本养老保险缴
30109 职业年金缴费
30110 职工基本医疗保险缴费
30111 公务员医疗补助缴款
30112 其他社会保障缴费
30113 住房公积金
30114 医疗费
30199 其他工资福利支出
303 对个人和家庭的补助
30301 离休费
30302 退休费
30303 退职（役）费
30304 抚恤金
30305 生活补贴
30306 救济费
30307 医疗费补助
30308 助学金
30309 奖励金
30310 个人农业生产补贴
30311 代缴社会保险费
30399 其他对个人和家庭的补助支出
302 商品和服务支出
30201 办公费
30202 印刷费
30203 咨询费
30204 手续费
30205 水费
30206 电费
30207 邮电费
30208 取暖费
30209 物业管理费
30211 差旅费
30212 因公出国（境）费用
30213 维修（护）费
30214 租赁费
30215 会议费
30216 培训费
30217 公务接待费
30218 专用材料费
30224 被装购置费
30225 专用燃料费
30226 劳务费
30227 委托业务费
30228 工会经费
30229 福利费
30231 公务用车运行维护
30239 其他交通费用
30240 税金及附加费用
30299 其他商品和服务支
307 债务利息及费用支出
30701 国内债务付息
30702 国外债务付息
30703 国内债务发行费用
30704 国外债务发行费用
310 资本性支出
31001 房屋建筑物购建
31002 办公设备购置
31003 专用设备购置
31005 基础设施建设
31006 大型修缮
31007 信息网络及软件购置更新
31008 物资储备
31009 土地补偿
31010 安置补助
31011 地上附着物和青苗补偿
31012 拆迁补偿
31013 公务用车购置
31019 其他交通工具购置
31021 文物和陈列品购置
31022 无形资产购置
31099 其他资本性支出
399 其他支出
39907 国家赔偿费用支出
39908 对民间非营利组织和群众性自治组织补贴
39909 经常性赠与
39910 资本性赠与
39999 其他支出
`);

/**
 * 青山湖区医疗保障局 2020, 草案03/05表: rows print names only (codes as the sample package gives
 * them), except 2299901, which the text extraction left below 草案05表.
 */
const QINGSHANHU_2020_FUNCTIONAL = printed(`
208 社会保障和就业支出
20801 人力资源和社会保障管理事务
2080109 社会保险经办机构
210 卫生健康支出
21015 医疗保障管理事务
2101501 行政运行
2101599 其他医疗保障管理事务支出
229 其他支出
22999 其他支出
2299901 其他支出
`);

/** 青山湖区医疗保障局 2020, 草案06表; 310111 in the text is 31011 with a stray digit. */
const QINGSHANHU_2020_ECONOMIC = printed(`
301 工资福利支出
30101 基本工资
30102 津贴补贴
30103 奖金
30106 伙食补助费
30107 绩效工资
30108 机关事业单位基本养老保险缴
30109 职业年金缴费
30110 职工基本医疗保险缴费
30111 公务员医疗补助缴款
30112 其他社会保障缴费
30113 住房公积金
30114 医疗费
30199 其他工资福利支出
303 对个人和家庭的补助
30301 离休费
30302 退休费
30303 退职（役）费
30304 抚恤金
30305 生活补贴
30306 救济费
30307 医疗费补助
30308 助学金
30309 奖励金
30310 个人农业生产补贴
30311 代缴社会保险费
30399 其他对个人和家庭的补助支出
302 商品和服务支出
30201 办公费
30202 印刷费
30203 咨询费
30204 手续费
30205 水费
30206 电费
30207 邮电费
30208 取暖费
30209 物业管理费
30211 差旅费
30212 因公出国（境）费用
30213 维修（护）费
30214 租赁费
30215 会议费
30216 培训费
30217 公务接待费
30218 专用材料费
30224 被装购置费
30225 专用燃料费
30226 劳务费
30227 委托业务费
30228 工会经费
30229 福利费
30231 公务用车运行维护费
30239 其他交通费用
30240 税金及附加费用
30299 其他商品和服务支出
307 债务利息及费用支出
30701 国内债务付息
30702 国外债务付息
30703 国内债务发行费用
30704 国外债务发行费用
310 资本性支出
31001 房屋建筑物购建
31002 办公设备购置
31003 专用设备购置
31005 基础设施建设
31006 大型修缮
31007 信息网络及软件购置更新
31008 物资储备
31009 土地补偿
31010 安置补助
31011 地上附着物和青苗补偿
31012 拆迁补偿
31013 公务用车购置
31019 其他交通工具购置
31021 文物和陈列品购置
31022 无形资产购置
31099 其他资本性支出
312 对企业补助
31201 资本金注入
31203 政府投资基金股权投资
31204 费用补贴
31205 利息补贴
31299 其他对企业补助
399 其他支出
39906 赠与
39907 国家赔偿费用支出
39908 对民间非营利组织和群众性自
39999 其他支出
`);

/** Names the print cut off at the column width: the catalog holds the full name. */
const TRUNCATED_IN_PRINT: Record<number, string[]> = {
  2020: ['30108', '39908'],
  2024: ['30108', '30231', '30299'],
};

/**
 * Names the Jiangxi 决算 software prints differently from the national list
 * (docs/codes.md#regional-names) in 2020 and 2024 alike, so not a rename by year: the catalog keeps
 * the national name (as SH-T prints it) and records the variant in the source column; the jiangxi
 * profiles carry the printed label.
 */
const PRINT_VARIANTS: Record<string, string> = {
  30111: '公务员医疗补助缴费',
  30305: '生活补助',
  30399: '其他对个人和家庭的补助',
};

function assertPrintedInForce(
  year: number,
  classification: Classification,
  list: [string, string][],
  where: string,
): void {
  const catalog = loadCatalog();
  const problems: string[] = [];
  for (const [code, name] of list) {
    const entry = catalog.lookup(classification, code, year);
    if (!entry) {
      problems.push(`${code} ${name}：${year} 年不在科目表中`);
      continue;
    }
    if (!entry.verified) problems.push(`${code}：样本印有该代码，verified 却为 no`);
    if (TRUNCATED_IN_PRINT[year]?.includes(code)) {
      if (!(entry.name.startsWith(name) && entry.name.length > name.length)) {
        problems.push(`${code}：原文“${name}”应为科目名称“${entry.name}”的截断`);
      }
    } else if (PRINT_VARIANTS[code] !== undefined && name !== PRINT_VARIANTS[code]) {
      if (entry.name !== PRINT_VARIANTS[code]) {
        problems.push(`${code}：科目名称应为“${PRINT_VARIANTS[code]}”`);
      }
      if (!entry.source.includes(name)) problems.push(`${code}：source 未记录印法“${name}”`);
    } else if (entry.name !== name) {
      problems.push(`${code}：原文“${name}”，科目表 ${year} 年为“${entry.name}”`);
    }
  }
  assert.deepEqual(problems, [], `${where}：${problems.join('；')}`);
}

describe('catalogs/*.tsv as shipped', () => {
  it('parse through loadCatalog() and hold both classifications for every supported year', () => {
    const catalog = loadCatalog();
    for (const year of SUPPORTED_YEARS) {
      assert.ok(catalog.entries('functional', year).length > 250, `${year} 功能分类条目过少`);
      assert.ok(catalog.entries('economic', year).length > 150, `${year} 经济分类条目过少`);
    }
    assert.ok(rows('functional').length >= 300);
    assert.ok(rows('economic').length >= 190);
  });

  it('never give one code two names in the same year, and join a rename without a gap', () => {
    for (const classification of CLASSIFICATIONS) {
      const byCode = new Map<string, CatalogEntry[]>();
      for (const entry of rows(classification)) {
        byCode.set(entry.code, [...(byCode.get(entry.code) ?? []), entry]);
      }
      for (const [code, list] of byCode) {
        const sorted = [...list].sort((a, b) => a.from - b.from);
        for (const entry of sorted) {
          assert.ok(entry.to === null || entry.from <= entry.to, `${code} ${entry.name}：起年晚于止年`);
        }
        for (let i = 1; i < sorted.length; i++) {
          const before = sorted[i - 1]!;
          const after = sorted[i]!;
          assert.ok(before.to !== null && before.to < after.from, `${classification} ${code}：年度区间重叠`);
          assert.equal(after.from, before.to + 1, `${classification} ${code}：更名前后年度不相接`);
          assert.notEqual(after.name, before.name, `${classification} ${code}：相接的两行名称相同，应合并`);
        }
      }
    }
  });

  it('give every 款 and 项 in force a parent in force, in every year any row covers', () => {
    const catalog = loadCatalog();
    for (const classification of CLASSIFICATIONS) {
      const all = rows(classification);
      const first = Math.min(...all.map((e) => e.from));
      const missing: string[] = [];
      for (let year = first; year <= 2025; year++) {
        for (const entry of catalog.entries(classification, year)) {
          const parent = parentCode(entry.code);
          if (parent && !catalog.lookup(classification, parent, year)) {
            missing.push(`${year} ${entry.code} ${entry.name} 缺上级 ${parent}`);
          }
        }
      }
      assert.deepEqual(missing, [], classification);
      assert.ok(first <= 2019);
    }
  });

  it('keep the economic classification to 类 and 款, and 5xx rows for 政府预算支出经济分类', () => {
    const economic = rows('economic');
    assert.deepEqual(
      economic.filter((e) => e.level === '项'),
      [],
    );
    assert.ok(economic.some((e) => e.code === '50101' && e.name === '工资奖金津补贴'));
    assert.ok(rows('functional').every((e) => e.code.startsWith('2')));
  });

  it('mark a row verified only with cited evidence, and say knowledge when it is not', () => {
    for (const classification of CLASSIFICATIONS) {
      for (const entry of rows(classification)) {
        const where = `${classification} ${entry.code} ${entry.name}`;
        if (entry.verified) {
          assert.match(entry.source, /seed:S[02]|web:|repo:|code-file-id:/, where);
        } else {
          assert.match(entry.source, /knowledge/, where);
        }
      }
    }
  });

  it('name 210 卫生健康支出 for 2019–2025 and 医疗卫生与计划生育支出 for 2018', () => {
    const catalog = loadCatalog();
    for (const year of SUPPORTED_YEARS) {
      assert.equal(catalog.nameOf('functional', '210', year), '卫生健康支出');
    }
    assert.equal(catalog.nameOf('functional', '210', 2018), '医疗卫生与计划生育支出');
  });

  it('carry the 2019 renames of 207, 215 and 220 as two rows each', () => {
    const catalog = loadCatalog();
    const names = (code: string) => catalog.history('functional', code).map((e) => [e.name, e.from, e.to]);
    assert.deepEqual(names('207').slice(-2), [
      ['文化体育与传媒支出', 2014, 2018],
      ['文化旅游体育与传媒支出', 2019, null],
    ]);
    assert.deepEqual(names('215').slice(-2), [
      ['资源勘探信息等支出', 2015, 2018],
      ['资源勘探工业信息等支出', 2019, null],
    ]);
    assert.deepEqual(names('220').slice(-2), [
      ['国土海洋气象等支出', 2014, 2018],
      ['自然资源海洋气象等支出', 2019, null],
    ]);
  });

  it('date the uncertain changes as the README records them', () => {
    const catalog = loadCatalog();
    const f = (code: string, year: number) => catalog.nameOf('functional', code, year);
    const e = (code: string, year: number) => catalog.nameOf('economic', code, year);
    assert.equal(f('20805', 2019), '行政事业单位离退休');
    assert.equal(f('20805', 2020), '行政事业单位养老支出');
    assert.equal(f('21005', 2017), '医疗保障');
    assert.equal(f('21005', 2019), undefined);
    assert.equal(f('21015', 2019), '医疗保障管理事务');
    assert.equal(f('224', 2019), '灾害防治及应急管理支出');
    assert.equal(f('234', 2019), undefined);
    assert.equal(f('234', 2020), '抗疫特别国债安排的支出');
    assert.equal(f('20139', 2023), undefined);
    assert.equal(f('20139', 2024), '社会工作事务');
    assert.equal(f('2080905', 2019), '军队转业干部安置');
    assert.equal(e('39906', 2020), '赠与');
    assert.equal(e('39906', 2021), undefined);
    assert.equal(e('39909', 2021), '经常性赠与');
    assert.equal(e('39910', 2021), '资本性赠与');
    for (const year of SUPPORTED_YEARS) assert.equal(e('30111', year), '公务员医疗补助缴费');
  });
});

describe('codes printed in the real disclosures are in force under the printed name', () => {
  it('景德镇市医疗保障局 2024: 公开01/04表 类 rows', () => {
    assertPrintedInForce(2024, 'functional', CLASS_ROWS, '景德镇 2024 公开01/04表');
  });

  it('景德镇市医疗保障局 2024: 公开02/03/05表 functional codes', () => {
    assertPrintedInForce(2024, 'functional', JINGDEZHEN_2024_FUNCTIONAL, '景德镇 2024 公开02/03/05表');
  });

  it('景德镇市医疗保障局 2024: 公开06表 economic codes', () => {
    assert.equal(JINGDEZHEN_2024_ECONOMIC.length, 85 - 2, '公开06表 85 行减去两个合计行');
    assertPrintedInForce(2024, 'economic', JINGDEZHEN_2024_ECONOMIC, '景德镇 2024 公开06表');
  });

  it('青山湖区医疗保障局 2020: 草案04表 类 rows, 234 抗疫特别国债安排的支出 included', () => {
    assertPrintedInForce(2020, 'functional', CLASS_ROWS, '青山湖 2020 草案04表');
  });

  it('青山湖区医疗保障局 2020: 草案03/05表 functional codes', () => {
    assertPrintedInForce(2020, 'functional', QINGSHANHU_2020_FUNCTIONAL, '青山湖 2020 草案03/05表');
  });

  it('青山湖区医疗保障局 2020: 草案06表 economic codes, 312 对企业补助 and 39906 赠与 included', () => {
    assertPrintedInForce(2020, 'economic', QINGSHANHU_2020_ECONOMIC, '青山湖 2020 草案06表');
  });

  it('the print variants are variants in both years, not a change between them', () => {
    const j = new Map(JINGDEZHEN_2024_ECONOMIC);
    const q = new Map(QINGSHANHU_2020_ECONOMIC);
    for (const code of Object.keys(PRINT_VARIANTS)) {
      assert.equal(j.get(code), q.get(code), code);
      assert.notEqual(j.get(code), PRINT_VARIANTS[code], code);
    }
  });
});
