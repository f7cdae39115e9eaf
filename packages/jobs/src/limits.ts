/**
 * The defaults of a worker thread's limits, apart from the pool so that the CLI's command
 * definitions (read for `--help`) can show them without loading it.
 */
export const DEFAULT_MEMORY_LIMIT_MB = 1024;
export const DEFAULT_DEADLINE_SECONDS = 120;
