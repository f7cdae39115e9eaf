import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Finding, mainCell, readingPlace } from '../finding';
import { testProfile } from '../performance/test-fixtures';
import { auditPerformanceTables } from './performance-tables';
import { checkTransferTable, readTransferTable } from './performance-transfer';
import type { PerformanceGrid } from './recognize';

const profile = testProfile();

/**
 * A Sichuan 中央转移支付区域绩效自评表 in the layout its 决算 prints (docs/performance.md#transfer):
 * 资金情况 by source with A, B and B/A, 绩效指标 with 指标值 and 全年实际完成值, no points.
 */
const TRANSFER = [
  '转移支付名称\t医疗服务与保障能力提升补助资金',
  '中央主管部门\t国家医疗保障局\t地方主管部门\t宣汉县医疗保障局',
  '资金情况（万元）\t\t全年预算数（A）\t全年执行数（B）\t预算执行率（B/A）',
  '\t年度资金总额\t85.60\t78.30\t91.47%',
  '\t其中：中央财政资金\t60.00\t56.10\t93.50%',
  '\t地方资金\t25.60\t22.20\t86.72%',
  '\t其他资金\t0\t0\t—',
  '年度总体目标\t预期目标\t全年实际完成情况',
  '\t推进医保信息化标准化建设\t医保信息平台上线运行',
  '绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t全年实际完成值\t未完成原因和改进措施',
  '\t产出指标\t数量指标\t医保业务编码标准维护数量\t≥20项\t24项\t',
  '\t\t质量指标\t定点医药机构信息系统接入率\t≥90%\t96%\t',
  '\t\t时效指标\t资金拨付及时性\t及时\t及时\t',
  '\t效益指标\t社会效益指标\t参保人员异地就医直接结算率\t≥70%\t78%\t',
  '\t满意度指标\t服务对象满意度指标\t参保群众满意度\t≥90%\t95%\t',
];

function grid(lines: readonly string[]): PerformanceGrid {
  const rows = lines.map((l) => l.split('\t'));
  return {
    title: '中央对地方转移支付区域绩效自评表',
    blockIndex: 0,
    location: { line: 50 },
    table: {
      kind: 'table',
      rows,
      rowLocations: rows.map((_, i) => ({ line: 50 + i })),
      location: { line: 50 },
    },
  };
}

const ids = (findings: readonly Finding[]) => findings.map((f) => `${f.id} ${f.severity}`).sort();

describe('a Sichuan 转移支付区域绩效自评表 read and checked', () => {
  it('reads the name, each fund source with A, B and 执行率, and the indicators with their values', () => {
    const table = readTransferTable(grid(TRANSFER))!;
    assert.equal(table.name, '医疗服务与保障能力提升补助资金');
    assert.deepEqual(
      table.funds.map((f) => [f.label, f.final, f.executed, f.rate]),
      [
        ['年度资金总额', '85.60', '78.30', '91.47'],
        ['中央财政资金', '60.00', '56.10', '93.50'],
        ['地方资金', '25.60', '22.20', '86.72'],
        ['其他资金', '0', '0', undefined],
      ],
    );
    assert.deepEqual(table.indicators[0], {
      name: '医保业务编码标准维护数量',
      target: '≥20项',
      actual: '24项',
      at: { line: 60 },
    });
  });

  it('stays silent where every 执行率 is B ÷ A as printed and the sources add up', () => {
    assert.deepEqual(checkTransferTable(readTransferTable(grid(TRANSFER))!, profile), []);
  });

  it('P-R05, P-R18, P-R13 and P-R29 fire on a wrong rate, sources that do not add up, an inequality and a blank 完成值; a judgement is never compared', () => {
    const broken = TRANSFER.map((l) =>
      l
        .replace('56.10\t93.50%', '56.10\t95.50%')
        .replace('25.60\t22.20', '26.60\t22.20')
        .replace('≥90%\t96%', '≥90%\t≥90%')
        .replace('≥70%\t78%', '≥70%\t')
        .replace('及时\t及时', '及时\t基本及时'),
    );
    const findings = checkTransferTable(readTransferTable(grid(broken))!, profile);
    assert.deepEqual(ids(findings), [
      'P-R05@医疗服务与保障能力提升补助资金/执行率/中央财政资金 error',
      'P-R05@医疗服务与保障能力提升补助资金/执行率/地方资金 error',
      'P-R13@医疗服务与保障能力提升补助资金/定点医药机构信息系统接入率 error',
      'P-R18@医疗服务与保障能力提升补助资金/资金/全年预算数 error',
      'P-R29@医疗服务与保障能力提升补助资金/参保人员异地就医直接结算率/完成值 warning',
    ]);
    const rate = findings.find((f) => f.id.endsWith('/中央财政资金'))!;
    assert.deepEqual(
      [rate.found?.text, rate.expected?.text, readingPlace(rate)?.line],
      ['95.50%', '93.50%', 54],
    );
    assert.equal(mainCell(rate)?.column?.label, '预算执行率');
    const sources = findings.find((f) => f.rule === 'P-R18')!;
    assert.match(
      sources.message,
      /年度资金总额 85\.60 万元，中央财政资金、地方资金、其他资金合计 86\.60 万元/,
    );
  });

  it('is checked as part of the document, not read as a 项目支出绩效自评表', () => {
    const findings = auditPerformanceTables([grid(TRANSFER)], profile, { year: 2021 }).findings;
    assert.deepEqual(findings, []);
  });
});
