// Shared by the translation memory and the CDK sizing, so the CDK app never loads pipeline code.

/**
 * Store requests in flight per memory: most of the S3 client's default pool of 50 sockets, leaving room for the
 * pipeline's own reads and writes. A new article needs one read and one write per sentence and language: at
 * ~10 ms per S3 request, about 0.3 ms per sentence-language for each.
 */
export const DEFAULT_MEMORY_CONCURRENCY = 32;
/** About 16 segments per pack: see the layout comparison of `npm run bench` (README, "The translation memory"). */
export const DEFAULT_PACK_SIZE = 16;
