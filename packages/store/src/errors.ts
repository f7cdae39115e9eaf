/**
 * The store's errors. Their messages are for the user (Chinese, precise); the workspace's carry a
 * code (English) that the HTTP server maps onto a status.
 */
export class StoreError extends Error {}

export type WorkspaceErrorCode =
  | 'unauthenticated'
  | 'rate-limited'
  | 'forbidden'
  | 'not-found'
  | 'stale'
  | 'invalid-transition'
  | 'validation'
  | 'conflict';

export class WorkspaceError extends StoreError {
  constructor(
    readonly code: WorkspaceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A save or step based on a revision that is no longer the one it must be: it would overwrite someone's work. */
export class StaleRevisionError extends WorkspaceError {
  constructor(message: string) {
    super('stale', message);
  }
}
