/**
 * 收入（支出）总计 = 本年收入（支出）合计 + 结转和结余, each side, in every profile's 收入支出决算总体情况说明
 * (N-S01 over the profile's claims.json), on narrative-only pages written in each profile's wording.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditDocument, type Finding } from '@juesuan/core';
import { readBytes } from '@juesuan/readers';
import { loadAuditContext } from './files';

async function audit(profile: string, lines: readonly string[]) {
  const raw = await readBytes(new TextEncoder().encode(lines.join('\n')), 'narrative.txt');
  return auditDocument(raw, { ...loadAuditContext(profile), checkPerformance: () => [] });
}

async function grandTotalFindings(profile: string, lines: readonly string[]): Promise<Finding[]> {
  return (await audit(profile, lines)).findings.filter((f) => f.rule === 'N-S01');
}

const brief = (f: Finding) => `${f.severity} ${f.found?.text ?? ''}→${f.expected?.text ?? ''}`;

interface Case {
  profile: string;
  lines: string[];
  /** The printed figure to change, and what to change it to, for the firing case. */
  from: string;
  to: string;
  expected: string;
}

const CASES: Case[] = [
  {
    // 北京市朝阳区财政局 2022 writes 「收、支总计」; the breakdown follows central departments' wording.
    profile: 'national',
    lines: [
      '二、收入支出决算总体情况说明',
      '2022年度收、支总计9,685.55万元,比上年增加 1,027.91万元,增长11.87%。',
      '本年收入合计9,578.17万元，年初结转和结余107.38万元；本年支出合计9,600.00万元，年末结转和结余85.55万元。',
    ],
    from: '年末结转和结余85.55万元',
    // 结余分配 is not stated: the stated parts may fall short of the 总计, never exceed it.
    to: '年末结转和结余95.55万元',
    expected: 'error 9,685.55万元→9,695.55万元',
  },
  {
    profile: 'hunan',
    lines: [
      '一、收入支出决算总体情况说明',
      '2024年度收入总计3,215.46万元，其中本年收入合计3,102.30万元，年初结转和结余113.16万元。',
      '2024年度支出总计3,215.46万元，其中本年支出合计3,150.12万元，年末结转和结余65.34万元。',
    ],
    from: '年初结转和结余113.16万元',
    to: '年初结转和结余131.16万元',
    expected: 'error 3,215.46万元→3,233.46万元',
  },
  {
    profile: 'sichuan',
    lines: [
      '一、收入支出决算总体情况说明',
      '2023年度收、支总计12,480.25万元。收入方面，本年收入合计12,020.05万元，使用非财政拨款结余60.00万元，年初结转和结余400.20万元。',
    ],
    from: '使用非财政拨款结余60.00万元',
    to: '使用非财政拨款结余66.00万元',
    expected: 'error 12,480.25万元→12,486.25万元',
  },
  {
    profile: 'shanghai-2024',
    lines: [
      '一、收入支出决算总体情况说明',
      '本部门2024年度收入、支出决算总计856.40万元。支出方面，本年支出合计820.10万元，结余分配0.00万元，年末结转和结余36.30万元。',
    ],
    from: '年末结转和结余36.30万元',
    to: '年末结转和结余63.30万元',
    expected: 'error 856.40万元→883.40万元',
  },
];

describe('N-S01: 收入（支出）总计 = 本年合计 + 结转和结余 in every profile', () => {
  for (const c of CASES) {
    it(`${c.profile}: stays silent when the 总计 is 本年合计 + 结转和结余`, async () => {
      assert.deepEqual((await grandTotalFindings(c.profile, c.lines)).map(brief), []);
    });

    it(`${c.profile}: fires on ${c.to}`, async () => {
      const changed = c.lines.map((l) => l.replace(c.from, c.to));
      assert.notDeepEqual(changed, c.lines);
      assert.deepEqual((await grandTotalFindings(c.profile, changed)).map(brief), [c.expected]);
    });
  }
});

describe('the wording of 北京市朝阳区财政局 2022 (national profile)', () => {
  const LINES = [
    '二、收入支出决算总体情况说明',
    '2022年度收、支总计9,685.55万元,比上年增加 1,027.91万元,增长11.87%。主要原因是政府专项还原至部门。',
    '(一)收入决算说明',
    '2022年度本年收入合计9,578.17万元,比上年增加1,446.43万元,增长17.79%,其中:财政拨款收入9,578.17万元,占收入合计的100.00%。',
  ];

  it('reads 「收、支总计」 as 收入支出总计 and the sub-heading （一）收入决算说明 as the income section', async () => {
    const read = (await audit('national', LINES)).claims
      .filter((c) => c.kind === 'amount')
      .map((c) => `${c.section} ${c.item} ${c.figure?.text}`);
    assert.deepEqual(read, [
      'total total.grandTotal 9,685.55万元',
      'income income.total 9,578.17万元',
      'income income.fiscal 9,578.17万元',
    ]);
  });
});
