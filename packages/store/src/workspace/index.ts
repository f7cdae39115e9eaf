export type { UserRef, WorkspaceUser } from './access';
export {
  type DepartmentInfo,
  Directory,
  MIN_PASSWORD_LENGTH,
  type NewDepartment,
  type NewUser,
} from './directory';
export * from './errors';
export * from './password';
export type {
  CommentInfo,
  ExplanationInfo,
  ExplanationInput,
  PackageChecker,
  RevisionCheck,
  Revisions,
  SaveRequest,
} from './revisions';
export * from './sessions';
export * from './workflow';
export * from './workspace';
