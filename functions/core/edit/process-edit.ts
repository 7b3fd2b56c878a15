/**
 * The course of an editor's correction, `edits/<articleId>/<lang>.json`: read the published set and the edit,
 * match the edit against the published version, teach the translation memory the corrections, republish the
 * language with them (no translation request) and the manifest last. An edit that does not match gets its record
 * under `failed/edits/` and nothing published changes.
 */

import { PreconditionFailedError } from '../errors.js';
import { isEditKey } from '../key-layout.js';
import { type ArticleOutcome, type ArticleRef, isOutcome } from '../outcomes.js';
import { recordFailure } from '../publish/failed-record.js';
import type { PipelineDependencies } from '../run.js';
import type { PipelineSettings } from '../settings.js';
import { applyCorrections } from './apply-corrections.js';
import { correctionsOf } from './corrections-of.js';
import { EditError, type EditRun, SetChangedError, startEditRun } from './edit-run.js';
import { readEditedSet, readEditFile } from './read-edit.js';
import { republish } from './republish.js';

/** Attempts when the set changes under the edit (another edit, a republish), with a growing pause between. */
const ATTEMPTS = 5;

export async function processEdit(
  ref: ArticleRef,
  settings: PipelineSettings,
  deps: PipelineDependencies,
): Promise<ArticleOutcome> {
  if (!isEditKey(ref.key, settings.editsPrefix)) {
    return { status: 'ignored', key: ref.key, reason: `not an edit under ${settings.editsPrefix}` };
  }
  const run = startEditRun(ref, settings, deps);
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyEdit(run);
    } catch (error) {
      const changed = error instanceof PreconditionFailedError || error instanceof SetChangedError;
      if (!changed || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 100 * 2 ** attempt));
    }
  }
}

async function applyEdit(run: EditRun): Promise<ArticleOutcome> {
  const { target } = run;
  if (!target) {
    return recordFailure(run)(
      new EditError(
        'edit-key',
        `${run.key} does not name a language version: edits go to ${run.settings.editsPrefix}<articleId>/<lang>.json.`,
        `Upload the corrections as ${run.settings.editsPrefix}<articleId>/<lang>.json, named after the version they correct.`,
      ),
    );
  }
  const set = await readEditedSet(run, target).catch(recordFailure(run));
  if (isOutcome(set)) return set;
  const file = await readEditFile(run, set).catch(recordFailure(run));
  if (isOutcome(file)) return file;
  const corrections = await Promise.resolve()
    .then(() => correctionsOf(run, set, file))
    .catch(recordFailure(run, file));
  if (isOutcome(corrections)) return corrections;
  if (corrections.translations.size === 0) {
    run.deps.logger.info('edit changes no text, nothing to publish', run.log);
    return {
      status: 'unchanged',
      articleId: run.articleId,
      key: run.key,
      manifestKey: run.keys.manifest,
      languages: set.manifest.languages,
      htmlKeys: {},
    };
  }
  await learn(run, set.manifest.sourceLanguage, target.language, corrections);
  const version = applyCorrections(set.target, set.source, corrections, set.manifest.source.sha256);
  return republish(run, set, file, version, corrections);
}

/** Teaches the translation memory the corrections, so every later article with these sentences gets them. */
async function learn(
  run: EditRun,
  sourceLanguage: string,
  targetLanguage: string,
  corrections: Awaited<ReturnType<typeof correctionsOf>>,
): Promise<void> {
  const { translator, logger } = run.deps;
  if (!translator.learn) {
    logger.warn('no translation memory: the corrections are published but not remembered', run.log);
    return;
  }
  await translator.learn({
    sourceLanguage,
    targetLanguage,
    corrections: [...corrections.translations].map(([key, translation]) => ({
      source: corrections.sources.get(key) ?? key,
      translation,
    })),
  });
}
