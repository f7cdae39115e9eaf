/**
 * The worker thread of a batch (bundled as `batch-worker.mjs`): runs the tasks the pool posts, each
 * with the same function the command uses with `--jobs 1`. A command's module (and the readers or
 * renderers it needs) is loaded by the first task of its kind.
 */
import type { AuditTask } from '../commands/audit';
import type { ReportTask } from '../commands/report';
import { serveTasks } from './pool';

serveTasks(async (task: AuditTask | ReportTask) => {
  if (task.kind === 'audit') return (await import('../commands/audit')).auditFile(task);
  return (await import('../commands/report')).renderPackage(task);
});
