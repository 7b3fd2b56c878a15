import type { SetKeys } from './key-layout.js';
import type { ArticleRef } from './outcomes.js';
import type { ArticleStore, Clock, EventSink, LanguageDetector, Logger, Translator } from './ports.js';
import type { PipelineSettings } from './settings.js';

export interface PipelineDependencies {
  readonly store: ArticleStore;
  readonly translator: Translator;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Told of every published set and failed article; optional. */
  readonly events?: EventSink;
  /** Tells each article's language when the source language is `auto`; needed then. */
  readonly detector?: LanguageDetector;
}

/** Milliseconds each stage took, filled in as it finishes (the manifest's `timings.stagesMs`). */
export interface StageTimings {
  read: number;
  analyse: number;
  translate: number;
  publish: number;
}

/** One article on its way through the pipeline: what every stage is told. */
export interface ArticleRun {
  readonly ref: ArticleRef;
  readonly key: string;
  readonly settings: PipelineSettings;
  readonly deps: PipelineDependencies;
  readonly articleId: string;
  readonly keys: SetKeys;
  /** The fields every log line about this article carries. */
  readonly log: { readonly articleId: string; readonly key: string };
  readonly started: Date;
  readonly stagesMs: StageTimings;
}

/** A run of the object `ref` names, about `articleId`, starting now. */
export function runFor(
  ref: ArticleRef,
  settings: PipelineSettings,
  deps: PipelineDependencies,
  articleId: string,
  keys: SetKeys,
): ArticleRun {
  return {
    ref,
    key: ref.key,
    settings,
    deps,
    articleId,
    keys,
    log: { articleId, key: ref.key },
    started: deps.clock.now(),
    stagesMs: { read: 0, analyse: 0, translate: 0, publish: 0 },
  };
}

/** Milliseconds from `since` until now, on the run's clock. */
export function msSince(run: ArticleRun, since: Date): number {
  return run.deps.clock.now().getTime() - since.getTime();
}
