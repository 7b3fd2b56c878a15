import { ArticleError } from '../errors.js';
import type { Clock } from '../ports.js';

export { DEFAULT_ANALYSIS_BUDGET_MS } from '../../shared/analysis-budget.js';

/** The analysis stages, as the failed record names the one that was running. */
const stageNames = {
  decode: 'decoding the text',
  parse: 'reading its structure',
  language: 'checking its language',
  facts: 'extracting its facts',
  summary: 'summarising it',
} as const;

export type AnalysisStage = keyof typeof stageNames;

export class AnalysisTooSlowError extends ArticleError {
  override readonly name = 'AnalysisTooSlowError';
  constructor(
    readonly budgetMs: number,
    readonly stage: AnalysisStage,
  ) {
    super(
      'analysis-too-slow',
      `Analysing this article took longer than its ${budgetMs / 1000} s budget (stopped while ${stageNames[stage]}).`,
      'The text is unusually expensive to analyse: very long, or made of long runs of the same characters or ' +
        'markup. Upload the article text itself; if it is an ordinary article, report it with this record.',
    );
  }
}

/**
 * Throws `AnalysisTooSlowError` once the deadline has passed; called between stages, between blocks and every few
 * dozen sentences of the facts analysis.
 */
export type AnalysisCheckpoint = (stage: AnalysisStage) => void;

/**
 * A checkpoint for an analysis that started at `started` and may take `budgetMs`. The core is synchronous, so
 * the budget cannot interrupt it: it is read from the injected clock at each checkpoint, which every stage
 * reaches often enough (between stages, between the blocks of the text while it is parsed, and every
 * `sentencesPerCheckpoint` sentences of each facts extractor).
 */
export function analysisCheckpoint(clock: Clock, started: Date, budgetMs: number): AnalysisCheckpoint {
  const deadline = started.getTime() + budgetMs;
  return (stage) => {
    if (clock.now().getTime() > deadline) throw new AnalysisTooSlowError(budgetMs, stage);
  };
}
