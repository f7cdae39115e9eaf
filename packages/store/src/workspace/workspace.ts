/**
 * The workspace on the store: what the HTTP server calls, each method taking the acting user and
 * reading only within their scope (core's access rule). Grouped as the directory (departments,
 * users, assignments: the admin's), sessions (login, session tokens), revisions (save, compare,
 * restore, check, 出错说明, comments) and the workflow (transitions, log, publication).
 */
import type { Store } from '../store';
import { Directory } from './directory';
import { DEFAULT_SCRYPT, type ScryptParameters } from './password';
import { type PackageChecker, Revisions } from './revisions';
import { SessionService } from './sessions';
import { Workflow } from './workflow';

export interface WorkspaceOptions {
  /** The check a revision gets before it is submitted and when asked. */
  check: PackageChecker;
  /** The clock of sessions, login failures and the workflow log (tests move it). */
  now?: () => Date;
  /** Default 8 hours. */
  sessionTtlMs?: number;
  /** Default 5 failures within 15 minutes. */
  maxLoginFailures?: number;
  loginWindowMs?: number;
  /** Cost of new password hashes; default N = 2^15, r = 8, p = 1. */
  scrypt?: ScryptParameters;
}

export class Workspace {
  readonly directory: Directory;
  readonly sessions: SessionService;
  readonly revisions: Revisions;
  readonly workflow: Workflow;

  constructor(
    readonly store: Store,
    options: WorkspaceOptions,
  ) {
    const now = options.now ?? (() => new Date());
    const scrypt = options.scrypt ?? DEFAULT_SCRYPT;
    this.directory = new Directory(store.db, scrypt);
    this.sessions = new SessionService(store.db, {
      now,
      scrypt,
      sessionTtlMs: options.sessionTtlMs ?? 8 * 60 * 60 * 1000,
      maxLoginFailures: options.maxLoginFailures ?? 5,
      loginWindowMs: options.loginWindowMs ?? 15 * 60 * 1000,
    });
    this.revisions = new Revisions(store, options.check);
    this.workflow = new Workflow(store, options.check, now);
  }
}
