/** The pool's default limits, shown by the batch options' help. */
export { DEFAULT_DEADLINE_SECONDS, DEFAULT_MEMORY_LIMIT_MB } from '@juesuan/jobs/limits';
