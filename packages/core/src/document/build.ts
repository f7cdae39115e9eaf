/**
 * The whole disclosure document (部门决算公开) built from a package and a profile: 第一部分 概况,
 * 第二部分 the printed tables, 第三部分 情况说明 (every figure computed from the package, every
 * missing reason a visible placeholder), 第四部分 名词解释, 第五部分 附件. Wording comes from the
 * profile's narrative and glossary data; nothing here is specific to one region.
 */

import type { Catalog } from '../catalog';
import type { Finding } from '../finding';
import type { DataPackage, Unit } from '../package';
import { evaluateWholeDepartment } from '../performance/department';
import type { PerformanceProfile } from '../performance/profile';
import { scoreProject } from '../performance/score';
import type { Profile } from '../profile';
import { buildTableViews } from '../views';
import { chineseNumeral, FigureBook } from './figures';
import { type Glossary, glossaryBlocks } from './glossary';
import type { Block, DocumentView, PartView, UnitsBlock } from './model';
import {
  blocksFromText,
  findingsFromPlaceholders,
  type PlaceholderUse,
  type RenderEnv,
  renderPlain,
  renderTemplate,
  sectionBlocks,
} from './narrative';
import { buildNarrativeScope, ModelContext, RunBook } from './narrative-model';
import type { NarrativeProfile, UnitField } from './narrative-profile';
import { baseDataGrid, selfEvaluationGrid, wholeDepartmentGrid } from './performance-grids';

export interface DocumentContext {
  profile: Profile;
  catalog: Catalog;
  narrative: NarrativeProfile;
  glossary: Glossary;
  /** With scoring rules, the package's self-evaluations are printed in 第五部分 附件. */
  performance?: PerformanceProfile;
}

export interface BuiltDocument {
  document: DocumentView;
  /** Every placeholder left in the document, with the section it sits in. */
  placeholders: PlaceholderUse[];
}

export function buildDocument(pkg: DataPackage, context: DocumentContext): DocumentView {
  return assembleDocument(pkg, context).document;
}

/** What the narrative still lacks, one warning per missing statement (see narrative.ts). */
export function narrativeFindings(pkg: DataPackage, context: DocumentContext): Finding[] {
  return findingsFromPlaceholders(pkg, assembleDocument(pkg, context).placeholders);
}

/**
 * Blocks of 第五部分 附件 that come from the package's performance data (项目支出绩效自评表, 部门
 * 整体支出绩效自评表, 部门评价报告). The performance module fills this in; until then the 附件
 * part has its heading only.
 */
export function annexBlocks(pkg: DataPackage, context: DocumentContext): Block[] {
  const performance = context.performance;
  if (!performance || !pkg.performance) return [];
  const blocks: Block[] = [];
  for (const project of pkg.performance.projects ?? []) {
    blocks.push({ kind: 'heading', level: 2, text: `${project.name} 项目支出绩效自评表` });
    blocks.push(selfEvaluationGrid(project, scoreProject(project, performance)));
  }
  if (performance.systems.size && pkg.performance.wholeDepartment) {
    const whole = evaluateWholeDepartment(pkg, performance);
    // An evaluation still waiting for entered figures is a to-do list (juesuan score shows it), not
    // something to publish.
    if (!('error' in whole) && whole.complete) {
      blocks.push({ kind: 'heading', level: 2, text: '部门整体支出绩效自评表' });
      blocks.push(wholeDepartmentGrid(whole, pkg.department.year));
      blocks.push({ kind: 'heading', level: 2, text: '部门整体支出绩效自评基础数据表' });
      blocks.push(baseDataGrid(pkg));
    }
  }
  return blocks;
}

export function assembleDocument(pkg: DataPackage, context: DocumentContext): BuiltDocument {
  const { narrative, catalog, profile } = context;
  const figures = new FigureBook(pkg, narrative.amounts);
  const book = new RunBook(pkg.narrative.reasons, narrative.placeholders);
  const model = new ModelContext(pkg, catalog, figures, book, context.performance);
  const scope = buildNarrativeScope(model);
  const env: RenderEnv = { engine: narrative.engine, scope, book, figures, year: pkg.department.year };
  const placeholders: PlaceholderUse[] = [];

  env.units = unitsBlock(pkg, narrative.overview.unitsColumns);
  const overview: PartView = {
    id: 'overview',
    heading: renderPlain(env, narrative.overview.heading),
    blocks: blocksFromText(
      env,
      renderTemplate(env, narrative.overview.template),
      { part: '概况', section: '' },
      placeholders,
    ),
  };

  const tables = tablesPart(env, pkg, context);

  const narrativeBlocks: Block[] = [];
  for (const section of narrative.narrative.sections) {
    narrativeBlocks.push(...sectionBlocks(env, section, '情况说明', placeholders));
  }
  const narrativePart: PartView = {
    id: 'narrative',
    heading: renderPlain(env, narrative.narrative.heading),
    blocks: narrativeBlocks,
  };

  const glossary: PartView = {
    id: 'glossary',
    heading: renderPlain(env, narrative.glossary.heading),
    blocks: glossaryBlocks(pkg, context.glossary, catalog),
  };

  const parts = [overview, tables, narrativePart, glossary];
  if (narrative.annex) {
    parts.push({
      id: 'annex',
      heading: renderPlain(env, narrative.annex.heading),
      blocks: annexBlocks(pkg, context),
    });
  }
  return {
    document: {
      title: renderPlain(env, narrative.title),
      department: pkg.department.name,
      year: pkg.department.year,
      profile: profile.id,
      frontNotes: narrative.frontNotes.map((note) => renderPlain(env, note)),
      parts,
    },
    placeholders,
  };
}

/** 第二部分: every printed table under its heading, with the statement an empty one requires. */
function tablesPart(env: RenderEnv, pkg: DataPackage, context: DocumentContext): PartView {
  const { narrative, catalog, profile } = context;
  const tableBlocks: Block[] = [];
  const printed = buildTableViews(pkg, { profile, catalog }).filter((view) => view.printed);
  printed.forEach((view, i) => {
    if (i > 0) tableBlocks.push({ kind: 'pageBreak' });
    tableBlocks.push({
      kind: 'heading',
      level: 1,
      text: renderPlain(env, narrative.tables.tableHeading, {
        numeral: chineseNumeral(i + 1),
        title: view.title,
      }),
      toc: true,
    });
    tableBlocks.push({ kind: 'table', table: view });
    // An empty table keeps its layout; the statement the template requires goes under it, unless
    // the table's notes already print it (Jiangxi prints it as note 2 on every such table).
    const statement = view.emptyStatement;
    if (view.empty && statement && !view.notes.some((note) => note.includes(statement))) {
      tableBlocks.push({ kind: 'paragraph', runs: [{ kind: 'text', text: statement }], style: 'note' });
    }
  });
  return {
    id: 'tables',
    heading: renderPlain(env, narrative.tables.heading),
    blocks: tableBlocks,
  };
}

function unitsBlock(pkg: DataPackage, columns: { label: string; field: UnitField }[]): UnitsBlock {
  const units: Unit[] = pkg.units.length ? pkg.units : [{ name: pkg.department.name }];
  const cell: Record<UnitField, (unit: Unit, index: number) => string> = {
    index: (_, i) => String(i + 1),
    name: (unit) => unit.name,
    budgetLevel: (unit) => unit.budgetLevel ?? '',
    kind: (unit) => unit.kind ?? '',
    // 备注 (Shanghai) is for the preparer to fill; the package has nothing for it.
    remark: () => '',
  };
  return {
    kind: 'units',
    columns: columns.map((c) => c.label),
    rows: units.map((unit, i) => columns.map(({ field }) => cell[field](unit, i))),
  };
}
