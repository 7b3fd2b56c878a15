/**
 * Editors' corrections in the translation memory: the corrected translation of a source segment, kept for the
 * context it corrected (engine, engine settings, language pair) with engine `human`, and found before any machine
 * entry, so it wins from then on: every later article containing the same source sentence gets the editor's
 * wording. Corrections are keyed by the source text, so an article whose sentence later changes gets a machine
 * translation for that sentence only (its correction no longer matches), while its other corrections still apply.
 *
 * Layout, under the memory's prefix: `segments/human/<source>-<target>/<h0h1>/<hash>.json`, one entry per corrected
 * segment (the entry format of memory-entries.ts, engine `human`, the corrected engine and its settings as the
 * entry's settings, sealed with the memory key as every entry is), and one index per context, `segments/human/<source>-<target>/index/<context>.json`, listing
 * the corrected segments' hashes. A lookup asks for the index (a HEAD, then a GET only when its ETag changed) and
 * reads only the entries the index names: an article with no corrected sentence costs one request per language.
 * Machine entries never overwrite corrections, which live apart from them (`--no-cache` rewrites machine entries
 * only).
 */
import type { LimitFunction } from 'p-limit';
import { sha256Hex } from '../hashing.js';
import type { ArticleStore, Logger } from '../ports.js';
import { updateSharedObject } from '../shared-object.js';
import {
  decodeEntry,
  encodeEntry,
  entryFolder,
  type MemoryContext,
  type Remembered,
  segmentEntryKey,
  segmentHash,
} from './memory-entries.js';

/** Bumped when the index format changes: an older index is then not found, and its corrections are not used. */
const INDEX_FORMAT = 'polybrief-corrections/1';
/** Hex digits of a segment hash the index keeps: a hit is checked against the entry, which names its text. */
const INDEX_HASH_DIGITS = 16;
const MAX_INDEX_BYTES = 32 * 1024 * 1024;
const MAX_ENTRY_BYTES = 256 * 1024;

/** The context a correction is kept in: engine `human`, the engine and settings it corrected as its settings. */
export function correctionContext(context: MemoryContext): MemoryContext {
  return { ...context, engine: 'human', settings: `${context.engine}|${context.settings}` };
}

function indexKey(prefix: string, context: MemoryContext): string {
  const human = correctionContext(context);
  return `${entryFolder(prefix, 'segments', human)}index/${sha256Hex(JSON.stringify([INDEX_FORMAT, human.settings])).slice(0, 32)}.json`;
}

interface IndexJson {
  readonly format: string;
  readonly settings: string;
  readonly sourceLanguage: string;
  readonly targetLanguage: string;
  /** Prefixes of the corrected segments' hashes, sorted. */
  readonly hashes: readonly string[];
}

function decodeIndex(body: Uint8Array, context: MemoryContext): Set<string> | undefined {
  try {
    const index = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as Partial<IndexJson>;
    const human = correctionContext(context);
    if (
      index?.format !== INDEX_FORMAT ||
      index.settings !== human.settings ||
      index.sourceLanguage !== context.sourceLanguage ||
      index.targetLanguage !== context.targetLanguage ||
      !Array.isArray(index.hashes) ||
      !index.hashes.every((hash) => typeof hash === 'string')
    )
      return undefined;
    return new Set(index.hashes);
  } catch {
    return undefined;
  }
}

function encodeIndex(context: MemoryContext, hashes: Iterable<string>): string {
  const index: IndexJson = {
    format: INDEX_FORMAT,
    settings: correctionContext(context).settings,
    sourceLanguage: context.sourceLanguage,
    targetLanguage: context.targetLanguage,
    hashes: [...new Set(hashes)].sort(),
  };
  return `${JSON.stringify(index)}\n`;
}

export interface CorrectionsOptions {
  readonly store: ArticleStore;
  readonly prefix: string;
  /**
   * The memory's key: a correction is sealed with it like every entry, so nobody who can merely write to the
   * bucket can plant one (a correction answers before any machine entry, for every later article).
   */
  readonly memoryKey: Uint8Array;
  /** The memory's limit on store requests in flight, shared. */
  readonly limit: LimitFunction;
  readonly logger?: Logger;
}

/** The corrections of one memory: looked up before machine entries, learned from editors' edits. */
export class Corrections {
  readonly #options: CorrectionsOptions;
  /** The last index read per context, with its ETag: unchanged indexes are not read again. */
  readonly #indexes = new Map<string, { readonly etag: string; readonly hashes: ReadonlySet<string> }>();

  constructor(options: CorrectionsOptions) {
    this.#options = options;
  }

  /**
   * The corrected translations of those of `keys` (segment keys) that have one in this context. A store that
   * cannot be read leaves them to the machine entries (logged), as the memory does with its own entries.
   */
  async lookup(context: MemoryContext, keys: readonly string[]): Promise<Map<string, Remembered>> {
    const found = new Map<string, Remembered>();
    try {
      const indexed = await this.#index(context);
      if (indexed.size === 0) return found;
      const human = correctionContext(context);
      const candidates = keys
        .map((key) => [key, segmentHash(human, key)] as const)
        .filter(([, hash]) => indexed.has(hash.slice(0, INDEX_HASH_DIGITS)));
      const { store, prefix, limit, memoryKey } = this.#options;
      await Promise.all(
        candidates.map(([key, hash]) =>
          limit(async () => {
            const entryKey = segmentEntryKey(prefix, human, hash);
            const body = (await store.get(entryKey, { maxBytes: MAX_ENTRY_BYTES }))?.body;
            const entry = body && decodeEntry(body, human, [key], memoryKey)?.[0];
            if (entry) found.set(key, entry);
          }),
        ),
      );
    } catch (error) {
      this.#options.logger?.warn('corrections could not be read; those sentences get machine translations', {
        targetLanguage: context.targetLanguage,
        error: String(error),
      });
    }
    return found;
  }

  /**
   * Keeps editors' corrections (`[segment key, translation]`): each entry first, then the index naming them,
   * written conditionally so that corrections learned at the same time are all kept. Throws when the store
   * cannot be written: the edit is then retried.
   */
  async learn(context: MemoryContext, corrections: readonly (readonly [string, string])[]): Promise<void> {
    if (corrections.length === 0) return;
    const { store, prefix, limit, memoryKey } = this.#options;
    const human = correctionContext(context);
    const hashes = corrections.map(([key]) => segmentHash(human, key));
    await Promise.all(
      corrections.map(([key, translation], index) =>
        limit(() =>
          store.put(
            segmentEntryKey(prefix, human, hashes[index] as string),
            encodeEntry(human, [[key, { translation }]], memoryKey),
            { contentType: 'application/json' },
          ),
        ),
      ),
    );
    const added = hashes.map((hash) => hash.slice(0, INDEX_HASH_DIGITS));
    await updateSharedObject(
      store,
      indexKey(prefix, context),
      (current) => {
        const known = (current && decodeIndex(current, context)) || new Set<string>();
        if (added.every((hash) => known.has(hash))) return undefined;
        return { body: encodeIndex(context, [...known, ...added]), contentType: 'application/json' };
      },
      { maxBytes: MAX_INDEX_BYTES },
    );
  }

  async #index(context: MemoryContext): Promise<ReadonlySet<string>> {
    const { store, prefix, limit } = this.#options;
    const key = indexKey(prefix, context);
    const head = await limit(() => store.head(key));
    if (!head) return new Set();
    const cached = this.#indexes.get(key);
    if (cached && head.etag !== undefined && cached.etag === head.etag) return cached.hashes;
    const object = await limit(() => store.get(key, { maxBytes: MAX_INDEX_BYTES }));
    const hashes = (object && decodeIndex(object.body, context)) || new Set<string>();
    if (object?.info.etag) this.#indexes.set(key, { etag: object.info.etag, hashes });
    return hashes;
  }
}
