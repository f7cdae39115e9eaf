import { RULE_CATEGORIES, SEVERITY_LABEL } from '@juesuan/core';
import { listProfiles, loadProfile, loadRules } from '@juesuan/data';
import type { Command } from 'commander';
import { color, parseFormat, printJson } from '../output';

export function registerRulesCommand(program: Command): void {
  program
    .command('rules')
    .description('审核规则目录：列出口径的每条规则及其公式、严重程度、类别和含义')
    .option('--profile <id>', '口径', 'jiangxi-2024')
    .option('--format <format>', '输出格式：text 或 json', 'text')
    .action((options: { profile: string; format: string }) => {
      const profile = loadProfile(options.profile);
      const { rules } = loadRules(profile);
      const list = rules.map(({ def }) => ({
        id: def.id,
        title: def.title,
        severity: def.severity,
        category: def.category,
        enabled: def.enabled !== false,
        formula: def.formula,
        message: def.message ?? null,
        years: def.years ?? null,
        note: def.note ?? null,
      }));
      if (parseFormat(options.format) === 'json') {
        printJson({ profile: profile.id, available: listProfiles(), rules: list });
        return;
      }
      process.stdout.write(
        `${color.bold(`${profile.name}（${profile.id}）审核规则目录`)}：共 ${list.length} 条\n`,
      );
      for (const rule of list) {
        process.stdout.write(
          `\n${color.bold(rule.id)} ${rule.title}  ${color.dim(`${SEVERITY_LABEL[rule.severity]} · ${RULE_CATEGORIES[rule.category]}${rule.enabled ? '' : ' · 已停用'}`)}\n` +
            `  公式：${rule.formula.replace(/\n/g, '\n        ')}\n` +
            (rule.note ? `  说明：${rule.note}\n` : ''),
        );
      }
    });
}
