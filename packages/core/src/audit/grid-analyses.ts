/**
 * The analyses of one document's grids, shared by every profile recognition tries: profiles print
 * most table types alike (the same sections, layout and title under their own id and 表号), and an
 * analysis depends on nothing else, so a grid is analysed once per distinct table and year instead
 * of once per profile. A grid's header is read first and apart, so that a grid whose header rules
 * a table out is never read row by row as that table.
 */
import type { Catalog } from '../catalog';
import type { FixedRowDef, TableDef } from '../profile';
import {
  analyzeGrid,
  analyzeHeader,
  type GridAnalysis,
  type GridHeader,
  type PrintedGrid,
  printedGrid,
} from './grid';
import { analysisKey, rowPositions } from './table-index';

type Rows = readonly (readonly string[])[];

/** What is known of one grid read as one table (by analysis key): its header, then its rows. */
interface Reading {
  header: GridHeader;
  analysis?: GridAnalysis;
}

export class GridAnalyses {
  private readonly grids = new Map<Rows, PrintedGrid>();
  private readonly readings = new Map<PrintedGrid, Map<string, Reading>>();

  constructor(private readonly catalog: Catalog) {}

  /** The header of `rows` read as table `def`. */
  header(rows: Rows, def: TableDef, year: number): GridHeader {
    return this.reading(rows, def, year).header;
  }

  /** `rows` analysed as table `def` in `year`. */
  analyze(rows: Rows, def: TableDef, year: number): GridAnalysis {
    const reading = this.reading(rows, def, year);
    if (!reading.analysis) {
      const grid = this.printed(rows);
      reading.analysis = analyzeGrid(grid, def, { catalog: this.catalog, year }, reading.header);
    }
    const { analysis } = reading;
    return analysis.def === def ? analysis : asAnalysisOf(analysis, def);
  }

  private reading(rows: Rows, def: TableDef, year: number): Reading {
    const grid = this.printed(rows);
    let byTable = this.readings.get(grid);
    if (!byTable) {
      byTable = new Map();
      this.readings.set(grid, byTable);
    }
    const key = `${analysisKey(def)}@${year}`;
    let reading = byTable.get(key);
    if (!reading) {
      reading = { header: analyzeHeader(grid, def) };
      byTable.set(key, reading);
    }
    return reading;
  }

  private printed(rows: Rows): PrintedGrid {
    let grid = this.grids.get(rows);
    if (!grid) {
      grid = printedGrid(rows);
      this.grids.set(rows, grid);
    }
    return grid;
  }
}

/** An analysis made for a definition equal to `def`, as the analysis of `def`: naming its own rows. */
function asAnalysisOf(analysis: GridAnalysis, def: TableDef): GridAnalysis {
  const positions = rowPositions(analysis.def);
  const twin = (row: FixedRowDef): FixedRowDef => {
    const [section, index] = positions.get(row)!;
    return def.sections[section]!.rows[index] as FixedRowDef;
  };
  return {
    ...analysis,
    def,
    rows: analysis.rows.map((row) => (row.fixed ? { ...row, fixed: twin(row.fixed) } : row)),
  };
}
