/**
 * The pathological-input benchmark: every hostile shape (shapes.ts) at every size, in every format it applies to,
 * through the whole analysis (analyse.ts), timed next to ordinary prose of the same size and format in the same
 * run. The figure that matters is the ratio to prose: linear work keeps it flat as the size doubles.
 */
import type { SourceFormat } from '../../functions/core/document.js';
import { type Analysis, analyse, STAGES, type Stage } from './analyse.js';
import { documentFor, PROSE, SHAPES, type Shape } from './shapes.js';

export interface PathologicalBenchOptions {
  readonly sizes: readonly number[];
  /** Timed runs per measurement (the fastest is kept); a run over a second is not repeated. */
  readonly repeats: number;
  /** A shape that takes longer than this at one size is not run at the larger sizes (they would only be slower). */
  readonly maxSeconds: number;
  /** Only the shapes whose name includes one of these (all when empty). */
  readonly only: readonly string[];
  readonly formats: readonly SourceFormat[];
  readonly progress?: (line: string) => void;
}

export const DEFAULT_PATHOLOGICAL_OPTIONS: PathologicalBenchOptions = {
  sizes: [2_500, 5_000, 10_000, 20_000],
  repeats: 5,
  maxSeconds: 5,
  only: [],
  formats: ['text', 'markdown', 'html'],
};

export const TARGET_RATIO = 2;

export interface Cell {
  readonly chars: number;
  /** Undefined when skipped (a smaller size already took longer than `maxSeconds`). */
  readonly ms?: number;
  readonly ratio?: number;
  /** The stage that took longest. */
  readonly slowest?: Stage;
  readonly refused?: string;
}

export interface Row {
  readonly shape: string;
  readonly format: SourceFormat;
  readonly cells: readonly Cell[];
}

function measure(source: string, format: SourceFormat, repeats: number): Analysis {
  const bytes = new TextEncoder().encode(source);
  let best: Analysis | undefined;
  for (let run = 0; run < repeats; run++) {
    const analysis = analyse(bytes, format);
    if (!best || analysis.ms < best.ms) best = analysis;
    if (analysis.ms > 1000) break;
  }
  return best as Analysis;
}

function slowestStage(analysis: Analysis): Stage {
  return STAGES.reduce((a, b) => (analysis.stagesMs[b] > analysis.stagesMs[a] ? b : a));
}

export function runPathologicalBench(options: PathologicalBenchOptions): Row[] {
  const shapes = SHAPES.filter(
    (shape) => options.only.length === 0 || options.only.some((name) => shape.name.includes(name)),
  );
  // The gazetteers and the tagger's model load on first use: not part of any measurement.
  // The optimiser needs a few runs too.
  for (const format of options.formats) {
    for (const chars of options.sizes) measure(documentFor(PROSE, chars, format), format, 3);
  }
  const rows: Row[] = [];
  for (const format of options.formats) {
    const prose = new Map<number, number>();
    for (const chars of options.sizes) {
      prose.set(chars, measure(documentFor(PROSE, chars, format), format, options.repeats).ms);
    }
    rows.push({
      shape: PROSE.name,
      format,
      cells: options.sizes.map((chars) => ({ chars, ms: prose.get(chars) as number, ratio: 1 })),
    });
    for (const shape of shapes.filter((candidate: Shape) => candidate.formats.includes(format))) {
      const cells: Cell[] = [];
      let skip = false;
      // Warmed as prose is: a shape's first size otherwise runs the code prose seldom reaches (thousands of
      // mentions, marks or sentences) before the optimiser has compiled it, a constant that is not the shape's.
      const smallest = options.sizes[0];
      if (smallest !== undefined) measure(documentFor(shape, smallest, format), format, 3);
      for (const chars of options.sizes) {
        if (skip) {
          cells.push({ chars });
          continue;
        }
        const analysis = measure(documentFor(shape, chars, format), format, options.repeats);
        const proseMs = prose.get(chars) as number;
        cells.push({
          chars,
          ms: analysis.ms,
          ratio: analysis.ms / proseMs,
          slowest: slowestStage(analysis),
          ...(analysis.refused ? { refused: analysis.refused } : {}),
        });
        options.progress?.(`${format} ${shape.name} ${chars}: ${analysis.ms.toFixed(1)} ms`);
        skip = analysis.ms > options.maxSeconds * 1000;
      }
      rows.push({ shape: shape.name, format, cells });
    }
  }
  return rows;
}

const EXTENSIONS: Readonly<Record<SourceFormat, string>> = {
  text: '.txt',
  markdown: '.md',
  html: '.html',
  docx: '.docx',
};

function sizeLabel(chars: number): string {
  return chars >= 1000 ? `${chars / 1000} K` : String(chars);
}

function cellText(cell: Cell): string {
  if (cell.ms === undefined) return 'skipped';
  const ms = cell.ms >= 100 ? cell.ms.toFixed(0) : cell.ms.toFixed(1);
  return `${ms} ms ${(cell.ratio ?? 0).toFixed(1)}×`;
}

/** Whether every cell of the row is within the target: a skipped cell, or a fault, is a miss. */
export function rowPasses(row: Row): boolean {
  return row.cells.every(
    (cell) =>
      cell.ratio !== undefined && cell.ratio <= TARGET_RATIO && !cell.refused?.startsWith('analysis-failed'),
  );
}

/** The table, one block per format: time and ratio to prose per size, PASS/FAIL, and the slowest stage. */
export function formatTable(rows: readonly Row[], sizes: readonly number[]): string[] {
  const lines: string[] = [];
  const formats = [...new Set(rows.map((row) => row.format))];
  for (const format of formats) {
    lines.push(
      `Pathological input, ${EXTENSIONS[format]}: analysis time and ratio to prose of the same size (target ≤ ${TARGET_RATIO.toFixed(1)}×)`,
    );
    lines.push(
      `${'shape'.padEnd(24)}${sizes.map((chars) => sizeLabel(chars).padStart(17)).join('')}   result  slowest stage`,
    );
    for (const row of rows.filter((candidate) => candidate.format === format)) {
      const last = [...row.cells].reverse().find((cell) => cell.ms !== undefined);
      const verdict = row.shape === PROSE.name ? '    ' : rowPasses(row) ? 'PASS' : 'FAIL';
      const note = [last?.slowest, last?.refused ? `refused: ${last.refused}` : undefined]
        .filter(Boolean)
        .join(', ');
      lines.push(
        `${row.shape.padEnd(24)}${row.cells.map((cell) => cellText(cell).padStart(17)).join('')}   ${verdict}    ${note}`,
      );
    }
    lines.push('');
  }
  return lines;
}
