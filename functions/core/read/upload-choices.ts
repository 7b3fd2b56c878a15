import { metadataLine } from '../../shared/options/phrasing.js';
import { text } from '../../shared/options/problems.js';
import { terminologiesOutsideTargets } from '../../shared/options/translate-values.js';
import { readUploadMetadata, UPLOAD_METADATA } from '../../shared/options/upload-metadata.js';
import { ArticleError } from '../errors.js';
import type { ArticleRun } from '../run.js';
import type { Upload } from './read-upload.js';

/**
 * The run as this upload chose it: its user metadata (`languages`, `scope`, `terminology`) in place of the
 * deployment's settings, each read by its option's rule. A value that cannot be used fails the article with a
 * record naming its metadata key. An upload may choose more languages than deployed as long as its size times its
 * languages stays within what the function is sized for (`maxArticleBytes` times the deployed languages).
 */
export function chooseForUpload(run: ArticleRun, upload: Upload): ArticleRun {
  const { choices, problems } = readUploadMetadata(upload.info.metadata);
  const problemsFound = [...problems];
  let { translator } = run.deps;
  const languages = choices.languages ?? run.settings.targetLanguages;
  // The upload's terminologies replace the deployment's map for this upload (a language they do not name gets
  // none, unless `*`), still one per language and request, and only among the names the deployment reads.
  if (choices.terminologies) {
    const outside = terminologiesOutsideTargets(choices.terminologies, languages);
    problemsFound.push(...outside.map((problem) => metadataLine('terminology', problem)));
    try {
      if (!translator.withTerminologies)
        throw new RangeError(`the ${translator.engine} engine applies no custom terminology.`);
      if (outside.length === 0) translator = translator.withTerminologies(choices.terminologies);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problemsFound.push(metadataLine('terminology', text(reason)));
    }
  }
  const budget = run.settings.maxArticleBytes * Math.max(1, run.settings.targetLanguages.length);
  if (choices.languages && upload.body.length * languages.length > budget) {
    problemsFound.push(
      `metadata "languages": ${languages.length} languages of a ${upload.body.length}-byte article are more than ` +
        `the function is sized for (${run.settings.targetLanguages.length} of ${run.settings.maxArticleBytes} bytes).`,
    );
  }
  if (problemsFound.length > 0) {
    throw new ArticleError(
      'invalid-metadata',
      `The upload's metadata cannot be used: ${problemsFound.join(' ')}`,
      `Upload it again with metadata polybrief can use (${Object.keys(UPLOAD_METADATA).join(', ')}), or without, for the deployment's settings.`,
      problemsFound,
    );
  }
  if (Object.keys(choices).length === 0) return run;
  return {
    ...run,
    settings: {
      ...run.settings,
      targetLanguages: languages,
      ...(choices.translationScope ? { translationScope: choices.translationScope } : {}),
    },
    deps: { ...run.deps, translator },
  };
}
