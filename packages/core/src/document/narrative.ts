/**
 * Rendering a profile's templates into document blocks, and the findings of what the narrative
 * still lacks (a reason, a purpose, …) so `juesuan check` can warn while the document is still
 * produced with visible placeholders.
 */
import type { Liquid, Template } from 'liquidjs';
import { NARRATIVE_RULES } from '../audit/narrative-rules';
import type { Catalog } from '../catalog';
import { type Finding, makeFinding } from '../finding';
import type { DataPackage } from '../package';
import { buildChart, isChartId } from './charts';
import type { FigureBook } from './figures';
import type { Block, ParagraphBlock, Run } from './model';
import { MARKER_PATTERN, type PlaceholderInfo, type RunBook } from './narrative-model';
import { type NarrativeProfile, RENDER_STATE_GLOBAL } from './narrative-profile';

/** A placeholder as it appears in the document: which part and section asked for it. */
export interface PlaceholderUse extends PlaceholderInfo {
  /** 概况 / 情况说明. */
  part: string;
  /** The level-1 heading it appears under, e.g. 一、收入决算情况说明. */
  section: string;
  /** The placeholder text printed. */
  text: string;
}

export interface RenderEnv {
  /** The profile's template engine (its partials and filters). */
  engine: Liquid;
  scope: Record<string, unknown>;
  book: RunBook;
  figures: FigureBook;
  year: number;
  /** The units list of 第一部分, placed where a template writes [[units]]. */
  units?: Block;
  /**
   * Tables a template may place with [[grid:<id>]] (GRID_IDS); an id the document has no table for
   * (no whole-department evaluation) places nothing.
   */
  grids?: Partial<Record<GridId, Block>>;
}

/** Tables a template can place: the 部门整体支出绩效自评表 and its 基础数据表. */
export const GRID_IDS = ['whole-department', 'base-data'] as const;
export type GridId = (typeof GRID_IDS)[number];
const isGridId = (id: string): id is GridId => (GRID_IDS as readonly string[]).includes(id);

/** Renders a template to its text, markers included. */
export function renderTemplate(
  env: RenderEnv,
  template: Template[],
  extra: Record<string, unknown> = {},
): string {
  return env.engine.renderSync(
    template,
    { ...env.scope, ...extra },
    {
      globals: {
        [RENDER_STATE_GLOBAL]: env.book,
        year: env.scope.year,
        lastYear: env.scope.lastYear,
        dept: env.scope.dept,
      },
    },
  ) as string;
}

/** A heading or title: text only (a figure in a heading keeps its text, not its source). */
export function renderPlain(
  env: RenderEnv,
  template: Template[],
  extra: Record<string, unknown> = {},
): string {
  return renderTemplate(env, template, extra)
    .replace(MARKER_PATTERN, (_, id: string) => env.book.runs[Number(id)]?.text ?? '')
    .replace(/\s*\n\s*/g, '')
    .trim();
}

/** One outline section: its heading (listed in the 目录) and its template's blocks. */
export function sectionBlocks(
  env: RenderEnv,
  section: { heading: Template[]; template: Template[] },
  part: string,
  placeholders: PlaceholderUse[],
): Block[] {
  const heading = renderPlain(env, section.heading);
  return [
    { kind: 'heading', level: 1, text: heading, toc: true },
    ...blocksFromText(env, renderTemplate(env, section.template), { part, section: heading }, placeholders),
  ];
}

export interface LineContext {
  part: string;
  section: string;
}

/**
 * Turns rendered text into blocks, line by line (see narrative-profile.ts for the markup), and
 * records every placeholder with the section it sits in.
 */
export function blocksFromText(
  env: RenderEnv,
  text: string,
  context: LineContext,
  placeholders: PlaceholderUse[],
): Block[] {
  const blocks: Block[] = [];
  let section = context.section;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1]!.length as 1 | 2 | 3;
      const runs = toRuns(env, heading[2]!, { ...context, section }, placeholders);
      const headingText = runs.map((r) => r.text).join('');
      if (level === 1) section = headingText;
      blocks.push({ kind: 'heading', level, text: headingText, ...(level === 1 ? { toc: true } : {}) });
      continue;
    }
    const directive = /^\[\[(\w+)(?::([\w-]+))?\]\]$/.exec(line);
    if (directive) {
      const [, name, arg] = directive;
      if (name === 'chart' && arg && isChartId(arg)) {
        const chart = buildChart(arg, env.figures, env.year);
        if (chart) blocks.push({ kind: 'chart', chart });
      } else if (name === 'units') {
        if (env.units) blocks.push(env.units);
      } else if (name === 'pagebreak') {
        blocks.push({ kind: 'pageBreak' });
      } else if (name === 'grid' && arg && isGridId(arg)) {
        const grid = env.grids?.[arg];
        if (grid) blocks.push(grid);
      } else {
        throw new Error(
          `模板中的指令 ${line} 不认识；可用：[[chart:<id>]]、[[units]]、[[pagebreak]]、${GRID_IDS.map((id) => `[[grid:${id}]]`).join('、')}`,
        );
      }
      continue;
    }
    const runs = toRuns(env, line, { ...context, section }, placeholders);
    const paragraph: ParagraphBlock = {
      kind: 'paragraph',
      runs,
      style: line.startsWith('注：') ? 'note' : 'body',
    };
    blocks.push(paragraph);
  }
  return blocks;
}

function toRuns(env: RenderEnv, line: string, context: LineContext, placeholders: PlaceholderUse[]): Run[] {
  const runs: Run[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = runs.at(-1);
    if (last?.kind === 'text') last.text += text;
    else runs.push({ kind: 'text', text });
  };
  let at = 0;
  for (const match of line.matchAll(MARKER_PATTERN)) {
    pushText(line.slice(at, match.index));
    at = match.index + match[0].length;
    const id = Number(match[1]);
    const run = env.book.runs[id];
    if (!run) throw new Error(`模板输出中有无法识别的标记 ${id}`);
    if (run.kind === 'text') {
      pushText(run.text);
      continue;
    }
    runs.push(structuredClone(run));
    const info = env.book.placeholders.get(id);
    if (run.kind === 'placeholder' && info) {
      placeholders.push({ ...info, part: context.part, section: context.section, text: run.text });
    }
  }
  pushText(line.slice(at));
  return runs;
}

export interface NarrativeFindingContext {
  profile: { id: string };
  catalog: Catalog;
  narrative: NarrativeProfile;
}

/**
 * One warning per statement that the document had to leave as a placeholder: a missing reason
 * (N-12 for a change against last year, docs/disclosure.md#yoy), or another text the wording asks for
 * (N-REASON: 预决算差异原因, 主要用途, 开支内容, 绩效, 职责). A written explanation keyed by the
 * finding id accepts it, as for any warning.
 */
export function findingsFromPlaceholders(pkg: DataPackage, uses: readonly PlaceholderUse[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const use of uses) {
    if (seen.has(use.statement)) continue;
    seen.add(use.statement);
    const ruleId = use.kind === 'yoy' ? 'N-12' : 'N-REASON';
    const rule = NARRATIVE_RULES[ruleId];
    const id = `${ruleId}@${use.statement}`;
    const where = `${use.part}「${use.section}」`;
    const pointer =
      use.pointer ??
      (use.kind === 'duties' ? 'narrative.duties' : `narrative.reasons[${JSON.stringify(use.statement)}]`);
    const message =
      use.kind === 'performance'
        ? `${where}数据包未含绩效自评数据（performance），缺少预算绩效情况说明；文档中暂以“${use.text}”占位（可在 ${pointer} 中填写）`
        : `${where}${use.detail ? `${use.detail}，` : ''}缺少${use.what}（${pointer}）`;
    const explained = pkg.explanations[id];
    findings.push(
      makeFinding({
        id,
        rule: ruleId,
        // A missing reason is a warning even under N-12, whose wrong statements are errors.
        severity: 'warning',
        category: 'narrative',
        title: rule.title,
        message,
        ...(explained !== undefined ? { explained } : {}),
      }),
    );
  }
  return findings;
}
