import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Finding, makeFinding } from '../finding';
import {
  editRefusal,
  findTransition,
  submissionBlockers,
  submissionRefusal,
  TRANSITIONS,
  transitionRefusal,
  WORKFLOW_STATES,
  type WorkflowState,
} from './workflow';

describe('the workflow', () => {
  const states = Object.keys(WORKFLOW_STATES) as WorkflowState[];

  it('allows exactly the transitions of the rule', () => {
    const allowed = states.flatMap((from) =>
      states.filter((to) => 'transition' in findTransition(from, to)).map((to) => `${from}→${to}`),
    );
    assert.deepEqual(allowed, [
      'drafting→submitted',
      'submitted→accepted',
      'submitted→returned',
      'accepted→published',
      'returned→drafting',
      'returned→submitted',
    ]);
    const refused = findTransition('published', 'drafting');
    assert.ok('refusal' in refused);
    assert.equal(refused.refusal.message, '不能从「已公开」转为「填报中」：「已公开」是最终状态');
    const skip = findTransition('drafting', 'accepted');
    assert.ok('refusal' in skip);
    assert.equal(skip.refusal.message, '不能从「填报中」转为「已审核」：「填报中」只能转为「已提交」');
  });

  it("lets only the transition's role take it, and a return only with a comment", () => {
    const ret = TRANSITIONS.find((t) => t.to === 'returned')!;
    assert.equal(transitionRefusal(ret, 'filler', '改')?.code, 'forbidden');
    assert.equal(
      transitionRefusal(ret, 'admin', '改')?.message,
      '管理员不能执行「已提交」→「已退回」：只有审核人可以',
    );
    assert.equal(transitionRefusal(ret, 'reviewer', '  ')?.code, 'validation');
    assert.equal(transitionRefusal(ret, 'reviewer', '第3表合计不符'), null);
  });

  it('lets packages be edited only while 填报中 or 已退回', () => {
    assert.equal(editRefusal('drafting'), null);
    assert.equal(editRefusal('returned'), null);
    assert.match(editRefusal('submitted') ?? '', /当前状态为「已提交」，不能修改/);
    assert.match(editRefusal('published') ?? '', /「已公开」/);
  });

  it('refuses submission while an error or an unexplained warning remains, naming them', () => {
    const finding = (id: string, severity: Finding['severity'], explained?: string) =>
      makeFinding({
        id,
        rule: id.split('@')[0]!,
        severity,
        category: 'intra',
        title: 't',
        message: 'm',
        places: [
          { kind: 'cell', table: 'T01', tableNumber: '公开01表', row: { line: 27, label: '本年收入合计' } },
        ],
        ...(explained ? { explained } : {}),
      });
    const findings = [
      finding('E-01@T01', 'error'),
      finding('W-01@T01', 'warning'),
      finding('W-02@T01', 'warning', '随包写明的说明'),
      finding('I-01@T01', 'info'),
    ];
    const blockers = submissionBlockers(findings);
    assert.deepEqual(
      [blockers.errors.map((f) => f.id), blockers.unexplainedWarnings.map((f) => f.id)],
      [['E-01@T01'], ['W-01@T01']],
    );
    assert.equal(
      submissionRefusal(blockers),
      '不能提交：审核结果有 1 个错误、1 个未写出错说明的警告；须改正全部错误并为每个警告写出错说明。' +
        '首先是：E-01@T01（公开01表第27行「本年收入合计」）；W-01@T01（公开01表第27行「本年收入合计」）',
    );
    assert.equal(submissionRefusal(submissionBlockers(findings.slice(2))), null);
  });
});
