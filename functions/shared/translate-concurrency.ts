// Shared by the adapter, the Lambda config and the CDK sizing, without loading the AWS SDK into the CDK app.

/**
 * Requests in flight at once per translator: the SDK's default socket pool per client (50), so none waits for a
 * socket while holding a place. Amazon Translate sets no fixed rate for TranslateText ("scales to serve customer
 * operational traffic"; sustained throttling is for AWS Support); its older published quota was 20 requests per
 * second per language pair, hence also {@link DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE}. A 40 KB article is
 * about 5 requests per language, so all six default languages go out in one round.
 */
export const DEFAULT_TRANSLATE_CONCURRENCY = 50;
/** Requests in flight at once for one target language (about 10 to 20 per second at typical latencies). */
export const DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE = 10;
