/**
 * The workflow of a department-year: 填报中 → 已提交 → 已审核 | 已退回 → 已公开, and from 已退回 back
 * to 填报中 or straight to 已提交 again. Submitting needs a check of the submitted revision with no
 * error and every warning explained; returning needs a comment; 已公开 is final. Which role moves
 * which step is part of the rule: the department's filler submits, reopens and publishes, the
 * assigned reviewer accepts or returns.
 */
import type { Finding } from '../finding';
import { locationText } from '../finding';
import { type Action, ROLES, type Role } from './access';

export const WORKFLOW_STATES = {
  drafting: '填报中',
  submitted: '已提交',
  accepted: '已审核',
  returned: '已退回',
  published: '已公开',
} as const;

export type WorkflowState = keyof typeof WORKFLOW_STATES;

/** A department-year with no revision yet, or never moved, is being filled in. */
export const INITIAL_STATE: WorkflowState = 'drafting';

interface Transition {
  from: WorkflowState;
  to: WorkflowState;
  role: Role;
  /** The access the actor needs on the department besides the role. */
  access: Action;
  needsComment: boolean;
  needsCleanCheck: boolean;
}

export const TRANSITIONS: readonly Transition[] = [
  {
    from: 'drafting',
    to: 'submitted',
    role: 'filler',
    access: 'edit',
    needsComment: false,
    needsCleanCheck: true,
  },
  {
    from: 'submitted',
    to: 'accepted',
    role: 'reviewer',
    access: 'review',
    needsComment: false,
    needsCleanCheck: false,
  },
  {
    from: 'submitted',
    to: 'returned',
    role: 'reviewer',
    access: 'review',
    needsComment: true,
    needsCleanCheck: false,
  },
  {
    from: 'returned',
    to: 'drafting',
    role: 'filler',
    access: 'edit',
    needsComment: false,
    needsCleanCheck: false,
  },
  {
    from: 'returned',
    to: 'submitted',
    role: 'filler',
    access: 'edit',
    needsComment: false,
    needsCleanCheck: true,
  },
  {
    from: 'accepted',
    to: 'published',
    role: 'filler',
    access: 'edit',
    needsComment: false,
    needsCleanCheck: false,
  },
];

/** States in which the department's filler may save revisions and write 出错说明. */
export const EDITABLE_STATES: readonly WorkflowState[] = ['drafting', 'returned'];

export function editRefusal(state: WorkflowState): string | null {
  return EDITABLE_STATES.includes(state)
    ? null
    : `当前状态为「${WORKFLOW_STATES[state]}」，不能修改数据包或出错说明；只有「填报中」或「已退回」时可以修改`;
}

export type TransitionRefusal =
  | { code: 'invalid-transition'; message: string }
  | { code: 'forbidden'; message: string }
  | { code: 'validation'; message: string };

/** The transition from → to if there is one, else why not (no role or access is judged here). */
export function findTransition(
  from: WorkflowState,
  to: WorkflowState,
): { transition: Transition } | { refusal: TransitionRefusal } {
  const transition = TRANSITIONS.find((t) => t.from === from && t.to === to);
  if (transition) return { transition };
  const next = TRANSITIONS.filter((t) => t.from === from).map((t) => `「${WORKFLOW_STATES[t.to]}」`);
  return {
    refusal: {
      code: 'invalid-transition',
      message: `不能从「${WORKFLOW_STATES[from]}」转为「${WORKFLOW_STATES[to]}」：${
        next.length
          ? `「${WORKFLOW_STATES[from]}」只能转为${next.join('或')}`
          : `「${WORKFLOW_STATES[from]}」是最终状态`
      }`,
    },
  };
}

/** Whether the actor's role and the request itself fit the transition (access is the caller's). */
export function transitionRefusal(
  transition: Transition,
  role: Role,
  comment: string | undefined,
): TransitionRefusal | null {
  const step = `「${WORKFLOW_STATES[transition.from]}」→「${WORKFLOW_STATES[transition.to]}」`;
  if (role !== transition.role) {
    return { code: 'forbidden', message: `${ROLES[role]}不能执行${step}：只有${ROLES[transition.role]}可以` };
  }
  if (transition.needsComment && !comment?.trim()) {
    return { code: 'validation', message: `${step}须写明退回意见（comment 为空）` };
  }
  return null;
}

/** How many findings of a check stand in the way of submitting, and the first few of them. */
export interface SubmissionBlockers {
  errors: Finding[];
  unexplainedWarnings: Finding[];
}

/**
 * The findings of a check that forbid submitting: every error (an explanation never lets an error
 * stand) and every warning without a written explanation.
 */
export function submissionBlockers(findings: readonly Finding[]): SubmissionBlockers {
  return {
    errors: findings.filter((f) => f.severity === 'error'),
    unexplainedWarnings: findings.filter((f) => f.severity === 'warning' && f.explained === undefined),
  };
}

const LISTED_BLOCKERS = 5;

/** Null when nothing blocks, else the refusal naming the counts and the first findings and places. */
export function submissionRefusal(blockers: SubmissionBlockers): string | null {
  const { errors, unexplainedWarnings } = blockers;
  if (errors.length === 0 && unexplainedWarnings.length === 0) return null;
  const listed = [...errors, ...unexplainedWarnings].slice(0, LISTED_BLOCKERS).map((f) => {
    const where = locationText(f);
    return `${f.id}${where ? `（${where}）` : ''}`;
  });
  const more = errors.length + unexplainedWarnings.length - listed.length;
  return (
    `不能提交：审核结果有 ${errors.length} 个错误、${unexplainedWarnings.length} 个未写出错说明的警告；` +
    `须改正全部错误并为每个警告写出错说明。首先是：${listed.join('；')}${more > 0 ? `；另有 ${more} 个` : ''}`
  );
}
