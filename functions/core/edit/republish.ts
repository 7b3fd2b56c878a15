import { type ArtefactJson, type ArticleJson, type ManifestJson, SCHEMA_VERSION } from '../contract.js';
import { languageFiles } from '../key-layout.js';
import type { PublishedOutcome } from '../outcomes.js';
import { HTML_TYPE, JSON_TYPE, writeArtefact, writeVersion } from '../publish/artefacts.js';
import { reviewedSentences } from '../publish/localize.js';
import { notifyPublished, publishedOutcome } from '../publish/manifest.js';
import { renderArticleIndexHtml } from '../publish/render/article-index-html.js';
import { syndicate } from '../publish/syndication/syndicate.js';
import type { Corrections } from './corrections-of.js';
import type { EditRun } from './edit-run.js';
import { type EditedSet, type EditFile, readExact } from './read-edit.js';

const condition = (etag: string | undefined) => (etag === undefined ? {} : { ifMatch: etag });

async function settled<T>(writes: readonly Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(writes);
  return results.map((result) => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  });
}

/**
 * Publishes the corrected version: its JSON and page (and the index page when the headline changed), each written
 * only over the object the manifest lists (`ifMatch`), then the feeds, then the manifest, last and conditional too.
 * A set changed meanwhile by another writer makes a write fail with `PreconditionFailedError`; the edit is then
 * applied again to what stands.
 */
export async function republish(
  run: EditRun,
  set: EditedSet,
  file: EditFile,
  version: ArticleJson,
  corrections: Corrections,
): Promise<PublishedOutcome> {
  const { store, clock } = run.deps;
  const { manifest } = set;
  const language = version.language;
  const written = await settled(
    writeVersion(store, run.keys, version, {
      json: condition(set.json.etag),
      html: condition(set.html.etag),
    }),
  );
  const index =
    version.headline.text === set.target.headline.text ? undefined : await writeIndex(run, set, version);
  const publishedAt = clock.now().toISOString();
  await syndicate(run, { versions: [version], publishedAt, partOfSet: true });

  const replaced = new Map<string, ArtefactJson>(
    [...written, ...(index ? [index] : [])].map((artefact) => [artefact.key, artefact]),
  );
  const accounting = manifest.translation.languages;
  const next: ManifestJson = {
    ...manifest,
    schemaVersion: SCHEMA_VERSION,
    publishedAt,
    artefacts: manifest.artefacts.map((artefact) => replaced.get(artefact.key) ?? artefact),
    translation: {
      ...manifest.translation,
      languages: Object.fromEntries(
        Object.entries(accounting).map(([code, usage]) => [
          code,
          {
            ...usage,
            reviewedSentences:
              code === language ? reviewedSentences(version) : (usage?.reviewedSentences ?? 0),
          },
        ]),
      ) as ManifestJson['translation']['languages'],
    },
    edits: [
      ...(manifest.edits ?? []),
      {
        language,
        key: run.key,
        versionId: file.info.versionId ?? null,
        etag: file.info.etag ?? null,
        sha256: file.sha256,
        appliedAt: publishedAt,
        corrections: corrections.translations.size,
      },
    ],
  };
  await store.put(run.keys.manifest, `${JSON.stringify(next, null, 2)}\n`, {
    contentType: JSON_TYPE,
    ...(set.manifestEtag === undefined ? {} : { ifMatch: set.manifestEtag }),
  });
  await notifyPublished(run, next);
  run.deps.logger.info('correction published', {
    ...run.log,
    language,
    corrections: corrections.translations.size,
    reviewedSentences: reviewedSentences(version),
  });
  return publishedOutcome(run, next);
}

/** The index page with the corrected headline (the other languages' headlines read from their versions). */
async function writeIndex(
  run: EditRun,
  set: EditedSet,
  version: ArticleJson,
): Promise<ArtefactJson | undefined> {
  if (!set.index) return undefined;
  const { manifest } = set;
  const headlines = Object.fromEntries(
    await Promise.all(
      manifest.languages.map(async (language): Promise<[string, string]> => {
        if (language === version.language) return [language, version.headline.text];
        const artefact = manifest.artefacts.find((item) => item.key === run.keys.json(language));
        if (!artefact) return [language, language];
        const object = await readExact(run.deps.store, artefact);
        return [language, (JSON.parse(new TextDecoder().decode(object.body)) as ArticleJson).headline.text];
      }),
    ),
  );
  const page = renderArticleIndexHtml({
    articleId: run.articleId,
    headlines,
    sourceLanguage: manifest.sourceLanguage,
    languages: manifest.languages.map(languageFiles),
    href: run.keys.href,
  });
  return writeArtefact(run.deps.store, run.keys.index, page, HTML_TYPE, null, condition(set.index.etag));
}
