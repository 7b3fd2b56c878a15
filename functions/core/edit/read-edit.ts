import type { ArtefactJson, ArticleJson, ManifestJson } from '../contract.js';
import { ArticleNotFoundError, ArticleTooLargeError } from '../errors.js';
import { sha256Hex } from '../hashing.js';
import type { EditTarget } from '../key-layout.js';
import type { ArticleStore, ObjectInfo } from '../ports.js';
import { EditError, type EditRun, editHint, SetChangedError } from './edit-run.js';

/** An object of the published set, read exactly as its manifest lists it, with the ETag to write it back on. */
export interface ExactObject {
  readonly artefact: ArtefactJson;
  readonly body: Uint8Array;
  readonly etag: string | undefined;
}

/** The set an edit corrects, as it stands. */
export interface EditedSet {
  readonly manifest: ManifestJson;
  readonly manifestEtag: string | undefined;
  /** The source language version: the source texts the corrections are of. */
  readonly source: ArticleJson;
  readonly target: ArticleJson;
  readonly json: ExactObject;
  readonly html: ExactObject;
  readonly index: ExactObject | undefined;
}

export interface EditFile {
  readonly info: ObjectInfo;
  readonly body: Uint8Array;
  readonly sha256: string;
  /** The edit as JSON, or why it is not JSON. */
  readonly json:
    | { readonly ok: true; readonly value: unknown }
    | { readonly ok: false; readonly reason: string };
}

const parse = (body: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(body));

/** Reads the published set of the article and language the edit names (an `EditError` when there is none). */
export async function readEditedSet(run: EditRun, target: EditTarget): Promise<EditedSet> {
  const { store } = run.deps;
  const object = await store.get(run.keys.manifest);
  if (!object) {
    throw new EditError(
      'unknown-article',
      `No article ${target.articleId} is published (${run.keys.manifest} does not exist).`,
      'Upload the corrections under the id of a published article: edits/<articleId>/<lang>.json.',
    );
  }
  const manifest = parse(object.body) as ManifestJson;
  if (target.language === manifest.sourceLanguage) {
    throw new EditError(
      'source-language',
      `${target.language} is the article's own language: there is no translation to correct.`,
      'Correct the article itself and upload it again under incoming/.',
    );
  }
  const artefact = (file: string) =>
    manifest.artefacts.find((item) => item.key === `${run.keys.folder}${file}`);
  const json = artefact(`${target.language}.json`);
  const html = artefact(`${target.language}.html`);
  const source = artefact(`${manifest.sourceLanguage}.json`);
  if (!json || !html || !source) {
    throw new EditError(
      'unknown-language',
      `${target.articleId} is not published in ${target.language} (it is in ${manifest.languages.join(', ')}).`,
      editHint(run),
    );
  }
  const index = artefact('index.html');
  const [jsonObject, htmlObject, sourceObject, indexObject] = await Promise.all([
    readExact(store, json),
    readExact(store, html),
    readExact(store, source),
    index ? readExact(store, index) : undefined,
  ]);
  return {
    manifest,
    manifestEtag: object.info.etag,
    source: parse(sourceObject.body) as ArticleJson,
    target: parse(jsonObject.body) as ArticleJson,
    json: jsonObject,
    html: htmlObject,
    index: indexObject,
  };
}

/**
 * An object exactly as the manifest lists it. When the key holds other bytes now, the set is being republished
 * (or another edit is being applied): `SetChangedError`, read again later.
 */
export async function readExact(store: ArticleStore, artefact: ArtefactJson): Promise<ExactObject> {
  const current = await store.get(artefact.key);
  if (current && sha256Hex(current.body) === artefact.sha256) {
    return { artefact, body: current.body, etag: current.info.etag };
  }
  throw new SetChangedError(
    `${artefact.key} is not the object its manifest lists: the set is being republished.`,
  );
}

/** Reads the edit itself: refused unread past twice the size of the version it corrects (and 64 KiB). */
export async function readEditFile(run: EditRun, set: EditedSet): Promise<EditFile> {
  const maxBytes = Math.max(2 * set.json.artefact.bytes, 64 * 1024);
  let object: Awaited<ReturnType<ArticleStore['get']>>;
  try {
    object = await run.deps.store.get(run.key, {
      maxBytes,
      ...(run.ref.versionId ? { versionId: run.ref.versionId } : {}),
    });
  } catch (error) {
    if (!(error instanceof ArticleTooLargeError)) throw error;
    throw new EditError(
      'too-large',
      `The edit is ${error.size} bytes, over ${maxBytes} (twice the language version it corrects).`,
      editHint(run),
    );
  }
  if (!object) throw new ArticleNotFoundError(run.key);
  const sha256 = sha256Hex(object.body);
  try {
    return { info: object.info, body: object.body, sha256, json: { ok: true, value: parse(object.body) } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { info: object.info, body: object.body, sha256, json: { ok: false, reason } };
  }
}
