import { buildTableViews } from '@juesuan/core';
import { loadCatalog, loadProfileForPackage } from '@juesuan/data';
import { EXIT, parseFormat, printJson, UsageError } from '../output';
import { renderTableText } from '../render-text';
import { loadPackageOrReport } from './package';

export function runTables(file: string, options: { profile?: string; table?: string; format: string }) {
  const format = parseFormat(options.format);
  const pkg = loadPackageOrReport(file, format);
  if (!pkg) {
    process.exitCode = EXIT.unusable;
    return;
  }
  const profile = loadProfileForPackage(options.profile ?? pkg.department.profile, pkg.department.year);
  let views = buildTableViews(pkg, { profile, catalog: loadCatalog() });
  if (options.table) {
    const wanted = options.table.split(',').map((t) => t.trim());
    const unknown = wanted.filter((id) => !views.some((v) => v.id === id));
    if (unknown.length) {
      throw new UsageError(
        `口径 ${profile.id} 没有表 ${unknown.join('、')}；可用：${views.map((v) => v.id).join('、')}`,
      );
    }
    views = views.filter((v) => wanted.includes(v.id));
  }
  if (format === 'json') printJson({ file, profile: profile.id, tables: views });
  else process.stdout.write(`${views.map(renderTableText).join('\n\n')}\n`);
}
