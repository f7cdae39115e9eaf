/**
 * Layouts juesuan's own documents print, as the readers hand them over, recognised and read with
 * the real profiles and claims: the causes of the findings the round trip
 * (packages/cli/src/round-trip.test.ts) met in generated documents, each pinned on its own.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Claim,
  extractClaims,
  narrativeText,
  type RawBlock,
  type RawDocument,
  recognizeDocument,
} from '@juesuan/core';
import { tableBlock as table, textBlock as text, threePublicAcross } from '@juesuan/core/testing';
import { loadCatalog, loadClaims, loadProfile } from './files';

const catalog = loadCatalog();

function doc(blocks: RawBlock[]): RawDocument {
  return { file: 'generated.html', format: 'html', pages: 1, blocks, warnings: [] };
}

function recognise(profileId: string, blocks: RawBlock[]) {
  return recognizeDocument(doc(blocks), { profiles: [loadProfile(profileId)], catalog, profile: profileId });
}

describe('recognition of the layouts juesuan prints', () => {
  it('reads a 合计 row whose label is merged over 科目编码 and 科目名称 as the total row (公开05表)', () => {
    const result = recognise('jiangxi-2024', [
      text('2024年度', 1),
      text('一般公共预算财政拨款支出决算表', 2),
      text('公开05表', 3),
      text('金额单位：万元', 4),
      table(
        [
          ['项目', '项目', '本年支出合计', '基本支出', '项目支出'],
          ['功能分类科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出'],
          ['栏次', '栏次', '1', '2', '3'],
          ['合计', '合计', '940.49', '685.21', '255.28'],
          ['210', '卫生健康支出', '940.49', '685.21', '255.28'],
        ],
        5,
      ),
    ]);
    const t05 = result.tables.find((t) => t.id === 'T05');
    assert.ok(t05);
    assert.deepEqual(t05.unmatchedRows, []);
    const total = t05.rows.find((r) => r.key === 'total');
    assert.ok(total, JSON.stringify(t05.rows));
    assert.equal(total.label, '合计');
    assert.equal(total.location.line, 8);
    const cell = t05.view.sections[0]!.rows.find((r) => r.key === 'total')!.cells.basic!;
    assert.equal(cell.value, 685_210_000n);
    assert.equal(result.findings.filter((f) => f.rule === 'R-02').length, 0, JSON.stringify(result.findings));
  });

  it('reads 公用经费合计 merged across the second and third blocks of 公开06表 with its figure under the third', () => {
    const result = recognise('jiangxi-2024', [
      text('一般公共预算财政拨款基本支出决算表', 1),
      text('公开06表', 2),
      text('金额单位：万元', 3),
      table(
        [
          [
            '人员经费',
            '人员经费',
            '人员经费',
            '公用经费',
            '公用经费',
            '公用经费',
            '公用经费',
            '公用经费',
            '公用经费',
          ],
          [
            '经济分类科目编码',
            '科目名称',
            '金额',
            '经济分类科目编码',
            '科目名称',
            '金额',
            '经济分类科目编码',
            '科目名称',
            '金额',
          ],
          [
            '301',
            '工资福利支出',
            '627.94',
            '302',
            '商品和服务支出',
            '53.05',
            '307',
            '债务利息及费用支出',
            '0.00',
          ],
          ['303', '对个人和家庭的补助', '0.24', '30201', '办公费', '53.05', '310', '资本性支出', '3.98'],
          ['', '', '', '', '', '', '31002', '办公设备购置', '3.98'],
          [
            '人员经费合计',
            '人员经费合计',
            '628.18',
            '公用经费合计',
            '公用经费合计',
            '公用经费合计',
            '公用经费合计',
            '公用经费合计',
            '57.03',
          ],
        ],
        4,
      ),
    ]);
    const t06 = result.tables.find((t) => t.id === 'T06');
    assert.ok(t06);
    assert.deepEqual(t06.unmatchedRows, []);
    const rows = t06.view.sections[0]!.rows;
    assert.equal(rows.find((r) => r.key === 'personnel')?.cells.amount?.value, 628_180_000n);
    assert.equal(rows.find((r) => r.key === 'public')?.cells.amount?.value, 57_030_000n);
  });

  it('takes the one unlabelled row of figures of 上海表七 as its only row', () => {
    const result = recognise(
      'shanghai-2024',
      threePublicAcross(
        '表七',
        '金额单位：万元',
        ['19.93', '11.97', '1.14', '0.00', '3.04', '2.08', '0.00', '0.00', '3.04', '2.08', '15.75', '9.89'],
        1,
      ),
    );
    const t09 = result.tables.find((t) => t.id === 'T09');
    assert.ok(t09);
    assert.deepEqual(t09.unmatchedRows, []);
    const cells = t09.view.sections[0]!.rows.find((r) => r.key === 'amounts')!.cells;
    assert.equal(cells.totalActual?.value, 11_970_000n);
    assert.equal(cells.receptionBudget?.value, 15_750_000n);
  });

  it('does not take a chart’s data labels under its caption「…（单位：万元）」 in a PDF for a table', () => {
    const result = recognise('jiangxi-2024', [
      text('本年与上年收支对比（单位：万元）', 1),
      table(
        [
          ['7000', '6,453.55', '', '6,410.35', ''],
          ['', '', '5,972.16', '', '6,004.16'],
        ],
        2,
      ),
      text('6000', 4),
    ]);
    assert.deepEqual(result.unknownTables, []);
    assert.equal(result.findings.filter((f) => f.rule === 'R-03').length, 0);
  });
});

function claimsOf(profileId: string, section: string, ...sentences: string[]): Claim[] {
  const claims = loadClaims(profileId)!;
  const raw = doc([text(section, 1), ...sentences.map((s, i) => text(s, i + 2))]);
  const narrative = narrativeText(raw, new Set(), claims);
  return extractClaims(narrative.sentences, claims, { catalog, year: 2024 });
}

const brief = (c: Claim) =>
  [c.kind, c.item, c.direction, c.figure?.text, c.reasoned === undefined ? '' : `reasoned=${c.reasoned}`]
    .filter(Boolean)
    .join(' ');

describe('narrative claims in the wording juesuan prints', () => {
  it('reads “与2023年度相比，收入支出总计增加934.09万元” as the change of the total, not the total', () => {
    const claims = claimsOf(
      'shanghai-2024',
      '一、收入支出决算总体情况说明',
      '南昌市医疗保障局2024年度收入支出总计4641.82万元。',
      '与2023年度相比，收入支出总计增加934.09万元，增长25.19%，主要原因：新增项目。',
    );
    assert.deepEqual(claims.map(brief), [
      'amount total.grandTotal 4641.82万元',
      'change total.grandTotal up 934.09万元 reasoned=true',
      'rate total.grandTotal up 25.19%',
    ]);
  });

  it('finds the reason of a change in a later sentence that names the item (上海“三公”经费)', () => {
    const claims = claimsOf(
      'shanghai-2024',
      '七、财政拨款“三公”经费支出决算情况说明',
      '2024年度“三公”经费财政拨款支出决算数比2023年度减少1.07万元，下降8.18%，其中：因公出国（境）费支出决算与2023年度持平；公务用车购置及运行维护费支出决算比2023年度减少0.02万元，下降1.01%；公务接待费支出决算比2023年度减少1.05万元，下降9.56%。公务用车购置及运行维护费支出减少的主要原因是车辆老旧报废。公务接待费支出减少的主要原因是厉行节约。',
    );
    const changes = claims.filter((c) => c.kind === 'change').map(brief);
    assert.deepEqual(changes, [
      'change threePublic.total down 1.07万元 reasoned=true',
      'change threePublic.vehicle down 0.02万元 reasoned=true',
      'change threePublic.reception down 1.05万元 reasoned=true',
    ]);
    // Without the sentences that name them, the two changes have no reason.
    const bare = claimsOf(
      'shanghai-2024',
      '七、财政拨款“三公”经费支出决算情况说明',
      '公务接待费支出决算比2023年度减少1.05万元，下降9.56%。公务用车购置及运行维护费支出减少的主要原因是车辆老旧报废。',
    );
    assert.deepEqual(bare.filter((c) => c.kind === 'change').map(brief), [
      'change threePublic.reception down 1.05万元 reasoned=false',
    ]);
  });

  it('leaves the reason of a change broken down with “其中：” to its items (江西“三公”经费)', () => {
    const parent =
      '（二）公务用车购置及运行维护费全年预算数37.71万元，决算数24.32万元，完成全年预算的64.49%；决算数比上年减少3.90万元，下降13.81%';
    const item =
      '公务用车运行维护费全年预算数37.71万元，决算数24.32万元，完成全年预算的64.49%，主要原因：压缩开支。决算数比上年减少3.90万元，下降13.81%，主要原因：压缩开支。';
    const section = '五、财政拨款“三公”经费支出决算情况说明';
    const changes = (...sentences: string[]) =>
      claimsOf('jiangxi-2024', section, ...sentences)
        .filter((c) => c.kind === 'change' && c.item === 'threePublic.vehicle')
        .map(brief);
    assert.deepEqual(changes(`${parent}，其中：`, item), [
      'change threePublic.vehicle down 3.90万元 reasoned=true',
    ]);
    // Not broken down and no reason given: the change lacks its reason.
    assert.deepEqual(changes(`${parent}。`, item), [
      'change threePublic.vehicle down 3.90万元 reasoned=false',
    ]);
  });
});
