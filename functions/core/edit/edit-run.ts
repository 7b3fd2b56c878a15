import { ArticleError } from '../errors.js';
import { type EditTarget, editTarget, failedEditKey, setKeys } from '../key-layout.js';
import type { ArticleRef } from '../outcomes.js';
import { articleIdFor } from '../publish/article-id.js';
import { type ArticleRun, type PipelineDependencies, runFor } from '../run.js';
import type { PipelineSettings } from '../settings.js';

/** An editor's correction on its way: the article's run, its failed record under `failed/edits/`. */
export interface EditRun extends ArticleRun {
  /** The language version it corrects; `undefined` when the key does not name one. */
  readonly target: EditTarget | undefined;
}

export function startEditRun(
  ref: ArticleRef,
  settings: PipelineSettings,
  deps: PipelineDependencies,
): EditRun {
  const target = editTarget(ref.key, settings.editsPrefix);
  const articleId = target?.articleId ?? articleIdFor(ref.key, settings.editsPrefix);
  const name = target ? `${target.articleId}/${target.language}` : articleId;
  const keys = { ...setKeys(settings, articleId), failed: failedEditKey(settings, name) };
  return { ...runFor(ref, settings, deps, articleId, keys), target };
}

/** The hint every edit that does not match its published version gets. */
export function editHint(run: EditRun): string {
  const language = run.target?.language ?? '<lang>';
  return (
    `Download ${run.keys.json(language)} again, change only the text of the sentences to correct (ids and the ` +
    `rest as they are), and upload it as ${run.settings.editsPrefix}${run.articleId}/${language}.json.`
  );
}

/** An edit that cannot be applied as it is: its failed record says why; nothing published changes. */
export class EditError extends ArticleError {
  override readonly name = 'EditError';
}

/** The published set changed while the edit was read (another edit, a republish): read it again. */
export class SetChangedError extends Error {
  override readonly name = 'SetChangedError';
}
