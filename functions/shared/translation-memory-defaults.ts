// Shared by the translation memory, its key sources and the CDK sizing, so the CDK app never loads pipeline code.

/**
 * Store requests in flight per memory: most of the S3 client's default pool of 50 sockets, leaving room for the
 * pipeline's own reads and writes. A new article needs one read and one write per sentence and language: at
 * ~10 ms per S3 request, about 0.3 ms per sentence-language for each.
 */
export const DEFAULT_MEMORY_CONCURRENCY = 32;
/** About 16 segments per pack: see the layout comparison of `npm run bench` (README, "The translation memory"). */
export const DEFAULT_PACK_SIZE = 16;
/** The shortest key the memory's entries may be sealed with, in bytes (the secret and key files hold more). */
export const MIN_MEMORY_KEY_BYTES = 16;
