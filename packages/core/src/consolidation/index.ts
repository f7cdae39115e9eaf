export { type Consolidation, consolidate, type FactTrace } from './consolidate';
export { CONSOLIDATION_RULES } from './consolidation-rules';
export { consolidationFindings } from './findings';
export {
  type Proposal,
  proposeAdjustments,
  type TransferFamily,
  type TransferFigure,
  type TransferIssue,
} from './propose';
export {
  type Adjustment,
  TRANSFER_PAIR_NAMES,
  TRANSFER_PAIRS,
  type TransferPair,
  type TransferSide,
  transferKey,
} from './transfers';
export { type ConsolidationUnit, parentsOf, unitIndex, unitLabel } from './units';
