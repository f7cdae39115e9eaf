/**
 * The worker thread of the CLI (bundled as `batch-worker.mjs`): runs the tasks its pool posts — a
 * batch's files, each with the same function the command uses with `--jobs 1`, and the jobs a
 * `juesuan worker` takes. A command's module (and the readers or renderers it needs) is loaded by
 * the first task of its kind.
 */
import type { JobProgress, JobTask } from '@juesuan/jobs';
import { serveTasks } from '@juesuan/jobs/pool';
import type { AuditTask } from '../commands/audit';
import type { ReportTask } from '../commands/report';

serveTasks(async (task: AuditTask | ReportTask | JobTask, report) => {
  if ('jobId' in task) {
    return (await import('../commands/worker-kinds')).runWorkerJob(task, report as (p: JobProgress) => void);
  }
  if (task.kind === 'audit') return (await import('../commands/audit')).auditFile(task);
  return (await import('../commands/report')).renderPackage(task);
});
