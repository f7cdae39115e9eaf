import {
  countByFamily,
  type RegisteredRule,
  RULE_CATEGORIES,
  RULE_FAMILIES,
  type RuleFamily,
  SEVERITY_LABEL,
} from '@juesuan/core';
import { listProfiles, loadRuleRegistry } from '@juesuan/data';
import { color, parseFormat, printJson, UsageError } from '../output';

interface RulesOptions {
  family?: string;
  severity?: string;
  profile?: string;
  search?: string;
  full?: boolean;
  format: string;
}

export function runRules(options: RulesOptions) {
  const format = parseFormat(options.format);
  const profiles = listProfiles();
  if (options.profile !== undefined && !profiles.includes(options.profile)) {
    throw new UsageError(`没有口径 “${options.profile}”；可用：${profiles.join('、')}`);
  }
  const rules = selectRules(loadRuleRegistry(options.profile ? [options.profile] : profiles), options);
  if (format === 'json') {
    printJson({
      profiles: options.profile ? [options.profile] : profiles,
      count: rules.length,
      families: countByFamily(rules),
      rules,
    });
    return;
  }
  printRules(rules, options.full === true);
}

function selectRules(all: readonly RegisteredRule[], options: RulesOptions): RegisteredRule[] {
  const { family, severity, search } = options;
  if (family !== undefined && !(family in RULE_FAMILIES)) {
    throw new UsageError(`--family 应为 ${Object.keys(RULE_FAMILIES).join('、')} 之一，实际为 “${family}”`);
  }
  if (severity !== undefined && !(severity in SEVERITY_LABEL)) {
    throw new UsageError(`--severity 应为 error、warning 或 info，实际为 “${severity}”`);
  }
  const needle = search?.trim().toLowerCase();
  return all.filter(
    (rule) =>
      (family === undefined || rule.family === family) &&
      (severity === undefined || rule.severity === severity) &&
      (!needle ||
        [rule.id, rule.title, rule.meaning, rule.appliesTo, rule.check].some((text) =>
          text.toLowerCase().includes(needle),
        )),
  );
}

function printRules(rules: readonly RegisteredRule[], full: boolean): void {
  const counts = countByFamily(rules);
  const write = (text: string) => process.stdout.write(text);
  write(
    `${color.bold('规则目录')}：共 ${rules.length} 条` +
      (counts.length ? `（${counts.map((c) => `${c.label} ${c.count}`).join(' · ')}）` : '') +
      '\n',
  );
  for (const { family, label, count } of counts) {
    write(`\n${color.bold(`【${label}】${count} 条`)}\n`);
    const inFamily = rules.filter((r) => r.family === family);
    const groups = family === 'table' ? groupByProfile(inFamily) : [{ heading: '', rules: inFamily }];
    for (const group of groups) {
      if (group.heading) write(`\n${color.bold(group.heading)}\n`);
      for (const rule of group.rules) write(describe(rule, family, full));
    }
  }
}

function groupByProfile(rules: readonly RegisteredRule[]): { heading: string; rules: RegisteredRule[] }[] {
  const profiles = [...new Set(rules.map((r) => r.profile))];
  return profiles.map((profile) => {
    const own = rules.filter((r) => r.profile === profile);
    return { heading: `口径 ${profile}（${own.length} 条）`, rules: own };
  });
}

function describe(rule: RegisteredRule, family: RuleFamily, full: boolean): string {
  const tags = [
    SEVERITY_LABEL[rule.severity],
    ...(rule.category ? [RULE_CATEGORIES[rule.category]] : []),
    ...(rule.enabled ? [] : ['已停用']),
  ].join(' · ');
  const lines = [
    `\n${color.bold(rule.id)} ${rule.title}  ${color.dim(tags)}`,
    family === 'table' ? `  公式：${rule.check.replace(/\n/g, '\n        ')}` : `  检查：${rule.check}`,
  ];
  if (full) lines.push(`  含义：${rule.meaning}`, `  适用：${rule.appliesTo}`, `  示例：${rule.example}`);
  return `${lines.join('\n')}\n`;
}
