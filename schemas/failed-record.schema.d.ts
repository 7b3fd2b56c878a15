/* Generated from schemas/failed-record.schema.json by scripts/generate-contract-types.ts: edit the schema, then run the script. */

/**
 * Semantic version of this contract. Readers of major version 1 accept any `1.x.y`.
 */
export type SchemaVersion = string;
export type ArticleId = string;

/**
 * `failed/<articleId>.json`: the upload could not be published; `failed/edits/<articleId>/<lang>.json`: an editor's correction uploaded as `edits/<articleId>/<lang>.json` could not be applied, and nothing published changed. The upload itself is left untouched, and a set published earlier for the same article stays published. A later upload that publishes does not remove this record: compare `failedAt` with the manifest's `publishedAt`.
 */
export interface FailedRecordJson {
  schemaVersion: SchemaVersion;
  articleId: ArticleId;
  status: 'failed';
  failedAt: string;
  pipelineVersion: string;
  /**
   * The upload's file name (`<lang>.json` for an edit).
   */
  input: string;
  source: FailedSourceJson;
  error: ArticleErrorJson;
  /**
   * Each thing wrong, when there are several (an edit naming sentence ids the published version does not have, say): `p9s2: no such sentence in es.json`.
   */
  problems?: string[];
}
/**
 * The upload, as far as it could be read: `sha256` and `bytes` are `null` when it never was.
 */
export interface FailedSourceJson {
  bucket: string;
  key: string;
  versionId: string | null;
  etag: string | null;
  sha256: string | null;
  bytes: number | null;
}
export interface ArticleErrorJson {
  /**
   * What was wrong, for programs: `empty`, `binary`, `too-large`, `not-found`, `unsupported-format`, `over-budget` (since 1.6.0), `analysis-failed`, `analysis-too-slow`...
   */
  code: string;
  /**
   * What was wrong, for people.
   */
  message: string;
  /**
   * What to do about it.
   */
  hint: string;
}
