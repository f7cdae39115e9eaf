/**
 * 审读 of the two real published disclosures (samples beside the tests), read with the text reader:
 * the profile chosen, the tables recognised, and exactly their real errors with their places — and
 * nothing that is not an error.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  type AuditResult,
  auditDocument,
  claimRefErrors,
  type Finding,
  mainCell,
  type PerformanceGrid,
  readingPlace,
  sentenceOf,
} from '@juesuan/core';
import { readDocument } from '@juesuan/readers';
import { listProfiles, loadAuditContext, loadClaims, loadProfile, PROFILES_DIR, ProfileError } from './files';

const sample = (name: string) => fileURLToPath(new URL(`./testing/samples/${name}`, import.meta.url));

/**
 * Audits a sample with the performance tables captured, not checked: their findings are asserted
 * in audit-performance-samples.test.ts, so the lists here stay about tables and narrative.
 */
async function auditSample(name: string, performance: PerformanceGrid[][] = []): Promise<AuditResult> {
  const raw = await readDocument(sample(name));
  return auditDocument(raw, {
    ...loadAuditContext(),
    checkPerformance: (tables) => {
      performance.push([...tables]);
      return [];
    },
  });
}

/** rule severity found→expected, for comparing the findings that matter as one list. */
const brief = (f: Finding) => `${f.rule} ${f.severity} ${f.found?.text ?? ''}→${f.expected?.text ?? ''}`;
/** Findings of the rule catalogue and the classification checks on the printed tables. */
const onTables = (f: Finding) => ['intra', 'cross', 'year', 'annex', 'code'].includes(f.category);
const notInfo = (r: AuditResult) => r.findings.filter((f) => f.severity !== 'info');
/** The document's identity and template residue (I-01…I-06), asserted apart from the claims. */
const onIdentity = (f: Finding) => f.rule.startsWith('I-');
const identityBrief = (f: Finding) => `${f.rule} ${readingPlace(f)?.line} ${f.found?.text ?? ''}`;

describe('景德镇市医疗保障局 2024 (jingdezhen-2024.txt)', () => {
  let result: AuditResult;
  const performance: PerformanceGrid[][] = [];
  before(async () => {
    result = await auditSample('jingdezhen-2024.txt', performance);
  });

  it('is recognised as jiangxi-2024 with all ten tables, by title, 表号 and header', () => {
    assert.equal(result.profile.id, 'jiangxi-2024');
    assert.ok(result.profile.score > 0.9, `score ${result.profile.score}`);
    assert.deepEqual(result.profile.why, ['识别出 10/10 张表', '年度 2024 与口径一致', '金额单位 万元 一致']);
    assert.deepEqual(
      result.tables.map((t) => t.number),
      [
        '公开01表',
        '公开02表',
        '公开03表',
        '公开04表',
        '公开05表',
        '公开06表',
        '公开07表',
        '公开08表',
        '公开09表',
        '公开10表',
      ],
    );
    for (const t of result.tables) {
      assert.ok(t.confidence > 0.9, `${t.number} confidence ${t.confidence}`);
      assert.deepEqual(t.unmatchedRows, [], t.number);
    }
    assert.deepEqual(result.missingTables, []);
    assert.deepEqual(result.unknownTables, []);
  });

  it('finds one table error, the blank 合计 row of 公开03表 (T03-05), with what it stops folded in', () => {
    const errors = result.findings.filter((f) => f.severity === 'error');
    assert.deepEqual(
      errors.map((f) => f.rule),
      ['T03-05'],
    );
    const [t0305] = errors;
    assert.equal(mainCell(t0305!)?.tableNumber, '公开03表');
    assert.equal(mainCell(t0305!)?.row?.label, '合计');
    assert.equal(readingPlace(t0305!)?.line, 192);
    assert.match(t0305!.message, /该行空白，另有 7 项核对因此不通过：T03-02、T03-03、T05-04/);
  });

  it('otherwise finds only 尾数误差 in the tables (info, within the printed precision)', () => {
    const tableFindings = result.findings.filter(onTables);
    const rest = tableFindings.filter((f) => f.rule !== 'T03-05');
    assert.ok(rest.length >= 30);
    for (const f of rest) {
      assert.equal(f.severity, 'info', f.message);
      assert.equal(f.rounding, true, f.message);
    }
  });

  it('finds the narrative faithful to the tables except the 绩效 coverage claim (N-17)', () => {
    const narrative = result.findings.filter((f) => f.category === 'narrative' && !onIdentity(f));
    assert.deepEqual(narrative.map(brief), ['N-17 warning 100%→82.07%～82.46%']);
    assert.equal(readingPlace(narrative[0]!)?.line, 518);
    assert.match(sentenceOf(narrative[0]!) ?? '', /共涉及资金210万元，占项目支出总额的100%/);
    const byText = (text: string) => result.claims.find((c) => c.figure?.text === text);
    // Accepted within the printed precision, though a naive recomputation would differ.
    for (const text of ['22.48%', '91.78%', '108.16%', '99.91%', '88.00%']) {
      assert.equal(byText(text)?.status, 'ok', text);
    }
    assert.equal(result.summary.claims.mismatch, 1);
    assert.equal(result.summary.claims.format, 0);
  });

  it('finds the 名词解释 faults: 科目 the tables lack, 项 left unexplained, an obsolete item, a stale name', () => {
    const glossary = result.findings.filter((f) => f.category === 'glossary');
    assert.deepEqual(
      glossary.map((f) => f.rule),
      ['N-16', 'N-16', 'N-16', 'N-14'],
    );
    assert.match(
      glossary[0]!.found?.text ?? '',
      /一般行政管理事务（项）、信息化建设（项）、医疗保障政策管理（项）、事业运行（项）、购房补贴（项）/,
    );
    assert.match(
      glossary[1]!.expected?.text ?? '',
      /2101506 医疗保障经办事务（项）.*2210201 住房公积金（项）/,
    );
    assert.equal(glossary[2]!.found?.text, '用事业基金弥补收支差额');
    assert.equal(glossary[3]!.found?.text, '行政事业单位离退休（款）');
  });

  it('finds the years copied from earlier documents into the 绩效 section and the 名词解释 (I-03)', () => {
    // 本部门组织对2023年纳入绩效自评范围项目进行自查自评…; 2023年项目资金能够及时拨付到位…;
    // 用事业基金弥补 2022 年收支差额 — in the 2024 document.
    assert.deepEqual(result.findings.filter(onIdentity).map(identityBrief), [
      'I-03 532 2023年',
      'I-03 536 2023年',
      'I-03 651 2022年',
    ]);
  });

  it('has no other warning or error', () => {
    assert.deepEqual(
      notInfo(result).map((f) => f.rule),
      ['T03-05', 'N-17', 'I-03', 'I-03', 'N-16', 'N-16', 'I-03', 'N-16', 'N-14'],
    );
  });

  it('hands the three 项目支出绩效自评表 to the performance checks', () => {
    assert.equal(performance.length, 1);
    assert.deepEqual(
      performance[0]!.map((p) => p.project),
      ['医疗保障改革专项经费(2024 年)', '医保基金经办专项经费 (2024)', '医疗保障改革专项经费(2024 年)'],
    );
    assert.equal(result.summary.performanceChecked, true);
  });
});

describe('南昌市青山湖区医疗保障局 2020 (qingshanhu-2020.txt)', () => {
  let result: AuditResult;
  before(async () => {
    result = await auditSample('qingshanhu-2020.txt');
  });

  it('is recognised as jiangxi-2020 with the 草案 tables the text holds; 公开01/02表 are missing', () => {
    assert.equal(result.profile.id, 'jiangxi-2020');
    assert.deepEqual(
      result.tables.map((t) => t.id),
      ['T03', 'T04', 'T05', 'T06', 'T07', 'T08', 'T09'],
    );
    assert.deepEqual(
      result.tables.filter((t) => t.number.startsWith('草案')).map((t) => t.number),
      ['草案03表', '草案05表', '草案06表', '草案07表', '草案08表', '草案09表'],
    );
    assert.deepEqual(
      result.findings.filter((f) => f.rule === 'R-01').map((f) => mainCell(f)?.tableNumber),
      ['公开01表', '公开02表'],
    );
    for (const t of result.tables) assert.deepEqual(t.unmatchedRows, [], t.number);
  });

  it('finds the tables (in 元, exact) consistent: no table or 科目 finding', () => {
    assert.deepEqual(
      result.findings.filter(onTables).map((f) => f.message),
      [],
    );
  });

  it('finds the wrong base of §三: 716.7 (本年支出合计) given as 财政拨款支出, its 166.06%, and 其他支出', () => {
    const n04 = result.findings.filter((f) => f.rule === 'N-04');
    assert.deepEqual(n04.map(brief), ['N-04 error 716.7万元→566.16万元', 'N-04 error 150.55万元→0.00万元']);
    assert.match(n04[0]!.message, /草案03表「合计」第1栏「本年支出合计」（716.71万元）一致，疑为口径错误/);
    assert.equal(readingPlace(n04[0]!)?.line, 576);
    const n05 = result.findings.filter((f) => f.rule === 'N-05');
    // 预算 0、决算 0、“完成预算的 0%”: no figure is wrong, only the wording (a warning).
    assert.deepEqual(n05.map(brief), [
      'N-05 error 166.06%→131.18%',
      'N-05 warning 0%→不写比率',
      'N-05 warning 0%→不写比率',
    ]);
  });

  it('finds the truncated or short figures (N-18): 20.06% and 18.7%, 716.7, 582.64, 432.09, 82.6, 392%', () => {
    assert.deepEqual(result.findings.filter((f) => f.rule === 'N-18').map(brief), [
      'N-18 warning 392%→392.06%～392.12%',
      'N-18 warning 20.06%→20.07%',
      'N-18 warning 716.7万元→716.71万元',
      'N-18 warning 582.64万元→582.65万元',
      'N-18 warning 18.7%→18.71%',
      'N-18 warning 432.09万元→432.10万元',
      'N-18 warning 82.6万元→82.61万元',
    ]);
  });

  it('finds the wording faults, the wrong table reference, the 绩效 coverage and the 名词解释', () => {
    assert.deepEqual(
      result.findings.filter((f) => f.rule === 'N-12').map(brief),
      Array(3).fill('N-12 warning 0万元→与上年持平'),
    );
    assert.deepEqual(
      result.findings.filter((f) => f.rule === 'N-19').map((f) => f.found?.text),
      ['草案03表、草案05表、草案06表、草案07表、草案08表、草案09表', '公开10表《国有资产占用情况表》'],
    );
    assert.deepEqual(result.findings.filter((f) => f.rule === 'N-17').map(brief), [
      'N-17 warning 4519.2万元→≤ 134.06万元',
      'N-17 warning 99%→3370.99%～3371.07%',
    ]);
    assert.equal(result.findings.filter((f) => f.rule === 'N-16').length, 3);
  });

  it('finds the template instructions left in and 2019 in the targets of two 2020 projects (I-06, I-03)', () => {
    // （应当将2020年度区级部门决算项目绩效自评综述和《项目支出绩效自评表》进行公开。）; 参照《2020年政府收支
    // 分类科目》的规范说明进行解释; 2020年离休干部医疗统筹金 with 全面完成上级下达的2019年度离休干部医疗统筹金….
    assert.deepEqual(result.findings.filter(onIdentity).map(identityBrief), [
      'I-06 618 （应当将2020年度区级部门决算项目绩效自评综述和《项目支出绩效自评表》进行公开。）',
      'I-03 1574 规范管理和使用参保配套资金，全面完成上级下达的2019年度离休干部医疗统筹金民生工程指标',
      'I-03 1743 规范管理和使用参保配套资金，全面完成上级下达的2019年度军转干专项医疗救助民生工程指标',
      'I-06 1901 参照《2020年政府收支分类科目》的规范说明进行解释',
    ]);
  });

  it('has no other warning or error', () => {
    const expected = new Set([
      'R-01',
      'N-04',
      'N-05',
      'N-18',
      'N-12',
      'N-19',
      'N-17',
      'N-16',
      'I-03',
      'I-06',
    ]);
    assert.deepEqual(
      notInfo(result)
        .filter((f) => !expected.has(f.rule))
        .map((f) => f.message),
      [],
    );
    assert.equal(result.summary.counts.error, 2 + 2 + 1);
    assert.equal(result.summary.counts.warning, 7 + 3 + 2 + 2 + 3 + 4 + 2);
  });
});

describe('上海市 2024 template (profiles/shanghai-2024/shanghai-2024-template.txt)', () => {
  let result: AuditResult;
  before(async () => {
    result = auditDocument(
      await readDocument(join(PROFILES_DIR, 'shanghai-2024', 'shanghai-2024-template.txt')),
      loadAuditContext(),
    );
  });

  it('is full of template residue: placeholders, alternatives and instructions, and nothing of another year or name', () => {
    const counts = new Map<string, number>();
    for (const f of result.findings.filter(onIdentity)) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(counts), { 'I-04': 49, 'I-05': 11, 'I-06': 25 });
    const at = (rule: string, line: number) =>
      result.findings.find((f) => f.rule === rule && readingPlace(f)?.line === line)?.message;
    assert.equal(
      at('I-05', 379),
      '文中留有模板的备选措辞「增加（减少）」「增长（下降）」（共 2 处），应按实际情况只保留一种说法：「与 2023 年度相比，收入支出总计增加（减少）XXX 万元，增长（下降）XX%。」',
    );
    assert.match(at('I-04', 377) ?? '', /^文中留有模板占位符「XX」「XXX」（共 4 处）/);
    assert.match(at('I-06', 62) ?? '', /「由主管部门根据三定方案等相关规定中有关主要职能填写」/);
  });
});

describe('claims.json of every profile', () => {
  it('validates, and every reference names a table, row and column the profile has', () => {
    for (const id of listProfiles()) {
      const profile = loadProfile(id);
      const claims = loadClaims(id);
      assert.ok(claims, `${id} has claims.json`);
      assert.deepEqual(claimRefErrors(claims, profile), [], id);
      assert.equal(claims.profile, id);
      assert.equal(loadClaims(id), claims, `${id} is read once`);
    }
  });

  it('loadClaims refuses a malformed profile id in Chinese and a missing profile has no claims', () => {
    assert.throws(
      () => loadClaims('../jiangxi-2024'),
      (error: unknown) => error instanceof ProfileError && /没有这个口径/.test(error.message),
    );
    assert.equal(loadClaims('no-such-profile'), undefined);
  });
});
