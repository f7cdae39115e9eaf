/**
 * The workspace's request and response shapes (they make /api/docs), and the mapping of the
 * store's records onto them: dates as ISO text, amounts as 分 in decimal text (JSON has no bigint).
 */
import { findingSchema, type PackageDiff, ROLES, WORKFLOW_STATES } from '@juesuan/core';
import type {
  CheckRunInfo,
  DepartmentInfo,
  RevisionInfo,
  WorkflowStatus,
  WorkspaceUser,
} from '@juesuan/store';
import { z } from 'zod';
import { apiErrorSchema } from '../errors';

/** Bodies of the workspace's ordinary JSON requests are small: a name, a comment, an explanation. */
export const SMALL_BODY_LIMIT = 64 * 1024;

export const idParam = z.coerce.number().int().positive();
export const yearParam = z.coerce.number().int().min(1990).max(2100);
const isoTime = z.string().describe('ISO 8601 时间（UTC）');

export const roleSchema = z
  .enum(Object.keys(ROLES) as [keyof typeof ROLES])
  .describe('filler 填报人、reviewer 审核人、admin 管理员');
export const stateSchema = z.enum(Object.keys(WORKFLOW_STATES) as [keyof typeof WORKFLOW_STATES]);

export const userSchema = z.strictObject({
  id: z.number(),
  loginName: z.string(),
  displayName: z.string(),
  role: roleSchema,
  departmentId: z.number().nullable(),
  disabled: z.boolean(),
});

export const departmentSchema = z.strictObject({
  id: z.number(),
  name: z.string(),
  code: z.string().nullable(),
  region: z.string().nullable(),
  parentId: z.number().nullable().describe('主管部门的编号；主管部门本身为 null'),
});

export const sessionSchema = z.strictObject({
  user: userSchema,
  csrfToken: z.string().describe('修改数据的请求须在 x-csrf-token 头中带上它'),
  expiresAt: isoTime,
});

const diffSummarySchema = z.strictObject({
  factsAdded: z.number(),
  factsRemoved: z.number(),
  factsChanged: z.number(),
  priorYearChanged: z.number(),
  unitsAdded: z.number(),
  unitsRemoved: z.number(),
  unitsChanged: z.number(),
  fieldsChanged: z.number(),
});

export const revisionSchema = z.strictObject({
  id: z.number(),
  departmentId: z.number(),
  department: z.string(),
  departmentCode: z.string().nullable(),
  year: z.number(),
  revision: z.number().describe('部门年度内的第几版'),
  profile: z.string(),
  savedAt: isoTime,
  note: z.string(),
  sha256: z.string(),
  restoredFrom: z.number().nullable(),
  authorId: z.number().nullable(),
  author: z.string().nullable(),
  baseRevisionId: z.number().nullable(),
  diffSummary: diffSummarySchema.nullable().describe('与上一版相比的变化；第一版为 null'),
});

export const saveResultSchema = z.strictObject({
  revision: revisionSchema,
  created: z.boolean().describe('false：与最新版本相同，未新建版本'),
});

const factChangeSchema = z.strictObject({
  key: z.string(),
  before: z.string().optional().describe('金额（分）或数量；新增时没有'),
  after: z.string().optional().describe('金额（分）或数量；删除时没有'),
});
const factsDiffSchema = z.strictObject({
  added: z.array(factChangeSchema),
  removed: z.array(factChangeSchema),
  changed: z.array(factChangeSchema),
});
const fieldChangeSchema = z.strictObject({
  path: z.string(),
  before: z.string().optional(),
  after: z.string().optional(),
});

export const diffSchema = z.strictObject({
  facts: factsDiffSchema,
  priorYear: factsDiffSchema,
  units: z.strictObject({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.array(
      z.strictObject({ name: z.string(), facts: factsDiffSchema, fields: z.array(fieldChangeSchema) }),
    ),
  }),
  fields: z.array(fieldChangeSchema),
});

export const checkSchema = z.strictObject({
  run: z.strictObject({
    id: z.number(),
    revisionId: z.number(),
    profile: z.string(),
    ranAt: isoTime,
    counts: z.strictObject({
      error: z.number(),
      warning: z.number(),
      info: z.number(),
      accepted: z.number(),
    }),
    rulesRun: z.number(),
    checks: z.number(),
    clean: z.boolean(),
  }),
  findings: z.array(findingSchema).describe('已写出错说明的发现带 explained'),
  blockers: z.strictObject({
    errors: z.number(),
    unexplainedWarnings: z.number(),
    refusal: z.string().nullable().describe('不能提交的原因；可以提交时为 null'),
  }),
});

export const explanationInputSchema = z.strictObject({
  findingId: z.string().min(1).max(500).describe('发现编号 rule@where'),
  rule: z.string().min(1).max(50),
  place: z.string().max(500).describe('发现所在位置（文字）'),
  text: z.string().min(1).max(5000),
});

export const explanationSchema = explanationInputSchema.extend({
  revisionId: z.number(),
  authorId: z.number(),
  author: z.string(),
  writtenAt: isoTime,
});

export const commentSchema = z.strictObject({
  id: z.number(),
  revisionId: z.number(),
  authorId: z.number(),
  author: z.string(),
  text: z.string(),
  writtenAt: isoTime,
});

export const statusSchema = z.strictObject({
  departmentId: z.number(),
  year: z.number(),
  state: stateSchema,
  label: z.string().describe('填报中、已提交、已审核、已退回、已公开'),
  revisionId: z.number().nullable(),
});

export const logEntrySchema = z.strictObject({
  id: z.number(),
  actorId: z.number(),
  actor: z.string(),
  at: isoTime,
  from: stateSchema,
  to: stateSchema,
  revisionId: z.number(),
  comment: z.string(),
});

export const publishedFileSchema = z.strictObject({
  revisionId: z.number(),
  format: z.string(),
  fileName: z.string(),
  sha256: z.string(),
});

/** The refusals every workspace route may answer with, for the OpenAPI document. */
export const refusals = {
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
  422: apiErrorSchema,
};

export const isoText = (date: Date) => date.toISOString();

export function revisionBody(info: RevisionInfo): z.infer<typeof revisionSchema> {
  return { ...info, savedAt: isoText(info.savedAt) };
}

export function departmentBody(department: DepartmentInfo): z.infer<typeof departmentSchema> {
  const { id, name, code, region, parentId } = department;
  return { id, name, code, region, parentId };
}

export function userBody(user: WorkspaceUser): z.infer<typeof userSchema> {
  const { id, loginName, displayName, role, departmentId, disabled } = user;
  return { id, loginName, displayName, role, departmentId, disabled };
}

export function statusBody(status: WorkflowStatus): z.infer<typeof statusSchema> {
  return { ...status };
}

export function runBody(run: CheckRunInfo): z.infer<typeof checkSchema>['run'] {
  const { id, revisionId, profile, ranAt, counts, rulesRun, checks, clean } = run;
  return { id, revisionId, profile, ranAt: isoText(ranAt), counts, rulesRun, checks, clean };
}

function factsText(facts: PackageDiff['facts']): z.infer<typeof factsDiffSchema> {
  const change = (c: PackageDiff['facts']['added'][number]) => ({
    key: c.key,
    ...(c.before !== undefined ? { before: c.before.toString() } : {}),
    ...(c.after !== undefined ? { after: c.after.toString() } : {}),
  });
  return {
    added: facts.added.map(change),
    removed: facts.removed.map(change),
    changed: facts.changed.map(change),
  };
}

export function diffBody(diff: PackageDiff): z.infer<typeof diffSchema> {
  return {
    facts: factsText(diff.facts),
    priorYear: factsText(diff.priorYear),
    units: {
      added: diff.units.added,
      removed: diff.units.removed,
      changed: diff.units.changed.map((u) => ({ name: u.name, facts: factsText(u.facts), fields: u.fields })),
    },
    fields: diff.fields,
  };
}
