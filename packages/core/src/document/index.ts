export * from './build';
export * from './charts';
export {
  type BudgetCompletion,
  chineseNumeral,
  FigureBook,
  type FigureFormat,
  type FigureRun,
  PRIOR_PREFIX,
  recomputeFigure,
  type YearOverYear,
} from './figures';
export * from './glossary';
export * from './model';
export { findingsFromPlaceholders, GRID_IDS, type GridId, type PlaceholderUse } from './narrative';
export type { PlaceholderInfo } from './narrative-model';
export {
  NARRATIVE_FORMAT,
  type NarrativeJson,
  type NarrativeLoad,
  type NarrativeProfile,
  PLACEHOLDER_KINDS,
  type PlaceholderKind,
  parseNarrativeProfile,
} from './narrative-profile';
export * from './performance-grids';
export * from './performance-report';
