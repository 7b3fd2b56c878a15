/* Generated from schemas/completion-event.schema.json by scripts/generate-contract-types.ts: edit the schema, then run the script. */

/**
 * A completion event as `polybrief run --events FILE` appends it (one per line) and as EventBridge delivers it: EventBridge events carry the same `detail-type`, `source` and `detail` among their own fields.
 */
export type CompletionEventJson = {
  'detail-type': 'ArticlePublished' | 'ArticleFailed';
  source: 'polybrief';
  detail: CompletionDetailJson;
};

export interface CompletionDetailJson {
  articleId: string;
  /**
   * The manifest's status (`complete`, `partial`) or `failed`.
   */
  status: 'complete' | 'partial' | 'failed';
  bucket: string;
  /**
   * The upload's key, under `incoming/`.
   */
  sourceKey: string;
  /**
   * The key to read next: `published/<articleId>/manifest.json`, or `failed/<articleId>.json`.
   */
  key: string;
  /**
   * The languages published (empty for `ArticleFailed`).
   */
  languages: string[];
  /**
   * The manifest's `publishedAt`, or the record's `failedAt`.
   */
  time: string;
}
