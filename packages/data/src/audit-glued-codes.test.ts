/**
 * 科目编码 glued to the name after them in a space-aligned text table (pdftotext -layout of the
 * Shanghai 2024 template's 表六: “30207邮电费”, “310资本性支出” in the 公用经费 half, whose code
 * column is too narrow for a space): each line is a row of its own with its code read, so no
 * 科目 loses its parent, while a parent the print really leaves out is still reported (C-03).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AuditResult, auditDocument, type RawDocument, type RawTable } from '@juesuan/core';
import { readBytes } from '@juesuan/readers';
import { loadAuditContext } from './files';

/** 表六 of the Shanghai 2024 template as pdftotext -layout prints it (no figures filled in). */
const BASIC_EXPENSE = [
  '注：本表反映部门本年度一般公共预算财政拨款支出情况。',
  '\f               一般公共预算财政拨款基本支出决算表',
  '                                             单位：万元',
  '经济分类                         经济分类',
  '            科目名称       决算数                 科目名称      决算数',
  '科目编码                         科目编码',
  '301     工资福利支出               302     商品和服务支出',
  '30101    基本工资                30201    办公费',
  '30102    津贴补贴                30202    印刷费',
  '30103    奖金                  30203    咨询费',
  '30106    伙食补助费               30204    手续费',
  '30107    绩效工资                30205    水费',
  '         机关事业单位基本养老保',
  '30108                        30206    电费',
  '        险缴费',
  '30109    职业年金缴费              30207邮电费',
  '30110    职工基本医疗保险缴费          30208取暖费',
  '30111    公务员医疗补助缴费           30209物业管理费',
  '30112    其他社会保障缴费            30211差旅费',
  '30113    住房公积金               30212因公出国（境）费用',
  '30114    医疗费                 30213维修（护）费',
  '30199    其他工资福利支出            30214租赁费',
  '303     对个人和家庭的补助            30215会议费',
  '30301    离休费                 30216培训费',
  '30302    退休费                 30217公务接待费',
  '30303    退职（役）费              30218专用材料费',
  '30304    抚恤金                 30224被装购置费',
  '30305    生活补助                30225专用燃料费',
  '30306    救济费                 30226劳务费',
  '30307    医疗费补助               30227委托业务费',
  '30308    助学金                 30228工会经费',
  '30309    奖励金                 30229福利费',
  '30310    个人农业生产补贴            30231公务用车运行维护费',
  '30311    代缴社会保险费             30239其他交通费用',
  '30399    其他对个人和家庭的补助         30240税金及附加费用',
  '                             30299其他商品和服务支出',
  '                             310资本性支出',
  '                             31001房屋建筑物购建',
  '                             31002办公设备购置',
  '                             31003专用设备购置',
  '                                  信息网络及软件购置',
  '                          31007',
  '                                更新',
  '                          31013   公务用车购置',
  '                          31019   其他交通工具购置',
  '                          31021   文物和陈列品购置',
  '                          31022   无形资产购置',
  '                          31099   其他资本性支出',
  '      人员经费合计                    公用经费合计',
  '    注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。',
];

const COVER = '上海市 XX 局2024 年度部门决算';

function read(lines: readonly string[]): Promise<RawDocument> {
  return readBytes(new TextEncoder().encode([COVER, '', ...lines, ''].join('\n')), 'template.txt');
}

function tableOf(doc: RawDocument): RawTable {
  const table = doc.blocks.find((b): b is RawTable => b.kind === 'table');
  assert.ok(table, 'no table read');
  return table;
}

async function audit(lines: readonly string[]): Promise<AuditResult> {
  return auditDocument(await read(lines), loadAuditContext('shanghai-2024'));
}

const codesOf = (result: AuditResult): string[] =>
  (result.tables.find((t) => t.id === 'T06')?.view.sections[0]?.rows ?? []).flatMap((r) =>
    r.code ? [r.code] : [],
  );

const messagesOf = (result: AuditResult, rule: string): string[] =>
  result.findings.filter((f) => f.rule === rule).map((f) => f.message);

describe('科目编码 glued to its name in a two-block text table (上海 2024 表六 as text)', () => {
  it('reads a glued code and name as two cells, in either block', async () => {
    const rows = tableOf(await read(BASIC_EXPENSE)).rows;
    assert.ok(rows.some((r) => r.join('|') === '30109|职业年金缴费|30207|邮电费'));
    assert.ok(rows.some((r) => r[0] === '30299' && r[1] === '其他商品和服务支出'));
    assert.ok(rows.some((r) => r[0] === '310' && r[1] === '资本性支出'));
  });

  it('reads every 科目 of both blocks under its parent: no C-03 and no unplaced row with a code', async () => {
    const result = await audit(BASIC_EXPENSE);
    const codes = codesOf(result);
    for (const code of ['301', '30109', '302', '30207', '30240', '30299', '310', '31007', '31099'])
      assert.ok(codes.includes(code), `表六 lacks ${code}: ${codes.join(' ')}`);
    assert.deepEqual(messagesOf(result, 'C-03'), []);
    for (const rule of ['C-01', 'R-02', 'R-04']) assert.deepEqual(messagesOf(result, rule), [], rule);
    const unmatched = result.tables.find((t) => t.id === 'T06')?.unmatchedRows ?? [];
    assert.deepEqual(
      unmatched.filter((u) => /^\d/.test(u.text)).map((u) => u.text),
      [],
    );
  });

  it('still reports the children of a 类 the print leaves out (310资本性支出 removed)', async () => {
    const result = await audit(BASIC_EXPENSE.filter((line) => !line.includes('310资本性支出')));
    const orphans = result.findings.filter((f) => f.rule === 'C-03');
    assert.deepEqual(
      orphans.map((f) => f.id),
      ['31001', '31002', '31003', '31007', '31013', '31019', '31021', '31022', '31099'].map(
        (code) => `C-03@T06[${code}]`,
      ),
    );
    assert.equal(orphans[0]!.message, '表六 列出了 31001「房屋建筑物购建」，却没有其上级科目 310 的行');
    assert.equal(orphans[0]!.severity, 'error');
  });
});
