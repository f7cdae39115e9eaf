/**
 * What the workspace refuses, as classes the server maps onto HTTP statuses by `code` (English);
 * the message is for the user (Chinese: what, where, what was expected).
 */
import { StaleRevisionError, WorkspaceError, type WorkspaceErrorCode } from '../errors';

export { StaleRevisionError, WorkspaceError, type WorkspaceErrorCode };

/** Not logged in, a wrong password, or a session that has expired or was revoked. */
export class AuthenticationError extends WorkspaceError {
  constructor(message: string) {
    super('unauthenticated', message);
  }
}

/** Too many failed logins for one login name in the window. */
export class RateLimitedError extends WorkspaceError {
  constructor(
    message: string,
    /** When the next attempt will be considered. */
    readonly retryAt: Date,
  ) {
    super('rate-limited', message);
  }
}

/** The access rule or the workflow's roles do not allow the acting user this. */
export class ForbiddenError extends WorkspaceError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class NotFoundError extends WorkspaceError {
  constructor(message: string) {
    super('not-found', message);
  }
}

/** A workflow step that does not exist from the current state, or a revision that is not the one in it. */
export class InvalidTransitionError extends WorkspaceError {
  constructor(message: string) {
    super('invalid-transition', message);
  }
}

/** The request itself is wrong: a missing comment, a package of another department, a short password. */
export class ValidationError extends WorkspaceError {
  constructor(message: string) {
    super('validation', message);
  }
}

/** The request clashes with what is stored: a login name or department name already taken. */
export class ConflictError extends WorkspaceError {
  constructor(message: string) {
    super('conflict', message);
  }
}
