import pLimit, { type LimitFunction } from 'p-limit';
import { type Terminologies, terminologiesId } from '../../shared/options/translate-values.js';
import {
  DEFAULT_MEMORY_CONCURRENCY,
  DEFAULT_PACK_SIZE,
  MIN_MEMORY_KEY_BYTES,
} from '../../shared/translation-memory-defaults.js';
import { TranslationError } from '../errors.js';
import { inlineHtmlText } from '../inline-html.js';
import { mapBounded } from '../map-bounded.js';
import type {
  ArticleStore,
  CorrectionsRequest,
  Logger,
  PreparedTranslation,
  TranslationRequest,
  TranslationResult,
  TranslationUsage,
  Translator,
} from '../ports.js';
import { requestCharacters } from './budget.js';
import { contentChunks } from './content-chunks.js';
import { Corrections } from './corrections.js';
import {
  decodeEntry,
  encodeEntry,
  type MemoryContext,
  packEntryKey,
  packHash,
  type Remembered,
  segmentEntryKey,
  segmentHash,
} from './memory-entries.js';
import { segmentKey } from './segments.js';

/** Larger entries are not ours (a pack holds at most 4 × packSize short segments): refused unread. */
const MAX_SEGMENT_ENTRY_BYTES = 256 * 1024;
const MAX_PACK_ENTRY_BYTES = 8 * 1024 * 1024;

export interface TranslationMemoryOptions {
  /** The bucket (or folder) the memory lives in, next to the articles. */
  readonly store: ArticleStore;
  /** Key prefix of the memory, e.g. `cache/`. */
  readonly prefix: string;
  /**
   * The secret every entry is sealed with (at least 16 bytes): only entries sealed with it are used, so nobody
   * who can merely write to the bucket can plant a translation. The deployed function reads it from Secrets
   * Manager, the command line from a key file (see `functions/adapters/memory-key.ts`).
   */
  readonly memoryKey: Uint8Array;
  /**
   * `false` translates every segment afresh (nothing is read) and still remembers the new translations,
   * replacing what was there. Default `true`.
   */
  readonly read?: boolean;
  /** Store requests in flight at once, shared by every `translate()` call on this memory. Default 32. */
  readonly concurrency?: number;
  /**
   * Segments per pack, on average (see `contentChunks`); 0 keeps one entry per segment only. Default 16.
   * Packs cut the store reads of a re-translated article by about this factor; each segment keeps its own entry
   * too, so a sentence is found again in any other article.
   */
  readonly packSize?: number;
  /**
   * `false` keeps packs only: fewer store requests for a new article, but a sentence is then found again only
   * within the same passage, never in another article. Default `true`.
   */
  readonly segmentEntries?: boolean;
  /** Told of entries that could not be read or written (the memory then does without them). */
  readonly logger?: Logger;
}

interface Chunk {
  readonly keys: readonly string[];
  readonly hashes: readonly string[];
}

/**
 * A translation memory in front of a translator: every distinct segment is translated once per language pair,
 * engine and engine settings, ever; later requests for it are answered from the store. Only translations the
 * engine returned successfully are remembered (as soon as the engine request that carried them is answered, so a
 * language that fails later keeps what was paid for); an entry that cannot be read,
 * is corrupt, does not match or was not sealed with the memory key is ignored, translated again and overwritten.
 *
 * Layout: one entry per segment (found again by any article) plus packs of about `packSize` consecutive
 * segments cut by content (one read instead of `packSize` when the same passage comes again, e.g. a corrected
 * re-upload or a redelivery completing missing languages). Reads look for packs first, then for the segments
 * the packs did not answer.
 */
export class TranslationMemory implements Translator {
  readonly engine: string;
  readonly billsMarkup: boolean;
  readonly #inner: Translator;
  readonly #store: ArticleStore;
  readonly #prefix: string;
  readonly #memoryKey: Uint8Array;
  readonly #read: boolean;
  readonly #packSize: number;
  readonly #segmentEntries: boolean;
  readonly #limit: LimitFunction;
  readonly #concurrency: number;
  readonly #logger: Logger | undefined;
  readonly #corrections: Corrections;
  readonly #options: TranslationMemoryOptions;
  readonly #variants = new Map<string, TranslationMemory>();

  constructor(inner: Translator, options: TranslationMemoryOptions) {
    const concurrency = options.concurrency ?? DEFAULT_MEMORY_CONCURRENCY;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
    }
    const packSize = options.packSize ?? DEFAULT_PACK_SIZE;
    if (!Number.isInteger(packSize) || packSize < 0 || packSize === 1) {
      throw new RangeError(`packSize must be 0 (no packs) or an integer of at least 2, got ${packSize}`);
    }
    const segmentEntries = options.segmentEntries ?? true;
    if (!segmentEntries && packSize === 0) {
      throw new RangeError('a memory without packs needs segment entries');
    }
    if (options.prefix !== '' && !options.prefix.endsWith('/')) {
      throw new RangeError(`prefix must end with "/", got "${options.prefix}"`);
    }
    if (options.memoryKey.length < MIN_MEMORY_KEY_BYTES) {
      throw new RangeError(`memoryKey must be at least ${MIN_MEMORY_KEY_BYTES} bytes`);
    }
    this.engine = inner.engine;
    this.billsMarkup = inner.billsMarkup === true;
    this.#inner = inner;
    this.#store = options.store;
    this.#prefix = options.prefix;
    this.#memoryKey = options.memoryKey;
    this.#read = options.read ?? true;
    this.#packSize = packSize;
    this.#segmentEntries = segmentEntries;
    this.#limit = pLimit(concurrency);
    this.#concurrency = concurrency;
    this.#logger = options.logger;
    this.#options = options;
    this.#corrections = new Corrections({
      store: options.store,
      prefix: options.prefix,
      memoryKey: options.memoryKey,
      limit: this.#limit,
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  settingsFor(targetLanguage: string): string {
    return this.#inner.settingsFor(targetLanguage);
  }

  translatedTerms(targetLanguage: string): ReadonlySet<string> | undefined {
    return this.#inner.translatedTerms?.(targetLanguage);
  }

  /** The memory in front of the engine applying an upload's terminologies (each context keeps its own entries). */
  withTerminologies(terminologies: Terminologies): TranslationMemory {
    const inner = this.#inner.withTerminologies;
    if (!inner) throw new RangeError(`the ${this.engine} engine applies no custom terminology.`);
    const id = terminologiesId(terminologies);
    let variant = this.#variants.get(id);
    if (!variant) {
      variant = new TranslationMemory(inner.call(this.#inner, terminologies), this.#options);
      this.#variants.set(id, variant);
    }
    return variant;
  }

  /** Keeps editors' corrections; from then on they answer before any machine entry (see corrections.ts). */
  async learn(request: CorrectionsRequest): Promise<void> {
    await this.#corrections.learn(
      this.#context(request),
      request.corrections.map(({ source, translation }) => [segmentKey(source), translation] as const),
    );
  }

  #context(request: Pick<TranslationRequest, 'sourceLanguage' | 'targetLanguage' | 'format'>): MemoryContext {
    return {
      engine: this.#inner.engine,
      settings: this.#inner.settingsFor(request.targetLanguage),
      sourceLanguage: request.sourceLanguage,
      targetLanguage: request.targetLanguage,
      ...(request.format === 'html' ? { markup: 'html' as const } : {}),
    };
  }

  /**
   * The corrections of `keys`. An editor corrects a sentence's text, so a tagged segment (a sentence with names
   * kept or marks) is looked up by its text, in the plain context the correction was learned in.
   */
  async #correctionsOf(
    request: TranslationRequest,
    keys: readonly string[],
  ): Promise<Map<string, Remembered>> {
    if (request.format !== 'html') return this.#corrections.lookup(this.#context(request), keys);
    const texts = new Map(keys.map((key) => [key, segmentKey(inlineHtmlText(key))] as const));
    const found = await this.#corrections.lookup(this.#context({ ...request, format: 'text' }), [
      ...new Set(texts.values()),
    ]);
    const byKey = new Map<string, Remembered>();
    for (const [key, text] of texts) {
      const correction = found.get(text);
      if (correction) byKey.set(key, correction);
    }
    return byKey;
  }

  async translate(request: TranslationRequest): Promise<TranslationResult> {
    return (await this.prepare(request)).translate();
  }

  /**
   * Looks the request's segments up (editors' corrections, then the memory); what neither has is what
   * `translate()` of the result sends to the engine, and `charactersToSend` what that costs.
   */
  async prepare(request: TranslationRequest): Promise<PreparedTranslation> {
    const context = this.#context(request);
    const keys = request.segments.map(segmentKey);
    const distinct = [...new Set(keys.filter((key) => key !== ''))];
    const hashes = new Map(distinct.map((key) => [key, segmentHash(context, key)]));
    const chunks: Chunk[] =
      this.#packSize === 0
        ? []
        : contentChunks(distinct, (key) => hashes.get(key) as string, this.#packSize)
            // A pack of one segment would only repeat its segment entry.
            .filter((keys) => keys.length > 1 || !this.#segmentEntries)
            .map((keys) => ({ keys, hashes: keys.map((key) => hashes.get(key) as string) }));

    const remembered = new Map<string, Remembered>();
    const problems = { unreadable: 0, invalid: 0 };
    let missedChunks = chunks;
    // Editors' corrections are read even with `read: false`: they are not a cache of the engine, and they win.
    const corrected = this.#correctionsOf(request, distinct);
    if (this.#read) {
      // Requests are made as slots free up (mapBounded), not all queued at once: a long article has ten
      // thousands of them per language, and each queued one holds memory until it runs.
      const packs = await mapBounded(chunks, this.#concurrency, (chunk) =>
        this.#readPack(context, chunk, problems),
      );
      missedChunks = chunks.filter((chunk, index) => {
        const found = packs[index];
        if (!found) return true;
        chunk.keys.forEach((key, i) => {
          remembered.set(key, found[i] as Remembered);
        });
        return false;
      });
      const human = await corrected;
      const unanswered = this.#segmentEntries
        ? distinct.filter((key) => !remembered.has(key) && !human.has(key))
        : [];
      const entries = await mapBounded(unanswered, this.#concurrency, (key) =>
        this.#readSegment(context, key, hashes.get(key) as string, problems),
      );
      unanswered.forEach((key, index) => {
        const entry = entries[index];
        if (entry) remembered.set(key, entry);
      });
    }
    if (problems.unreadable + problems.invalid > 0) {
      this.#logger?.warn('translation memory entries ignored, translating those segments again', {
        targetLanguage: request.targetLanguage,
        ...problems,
      });
    }
    const human = await corrected;
    const missing = distinct.filter((key) => !remembered.has(key) && !human.has(key));
    const lookup: Lookup = {
      request,
      context,
      keys,
      distinct,
      hashes,
      remembered,
      human,
      missing,
      missedChunks,
    };
    const charactersToSend = requestCharacters(this.#inner, { ...request, segments: missing });
    return { charactersToSend, translate: () => this.#complete(lookup) };
  }

  /** Sends what the memory did not have, remembering each request's segments as soon as it is answered. */
  async #complete(lookup: Lookup): Promise<TranslationResult> {
    const { request, context, keys, distinct, hashes, remembered, human, missing, missedChunks } = lookup;
    const fromMemory = new Set([...remembered.keys(), ...human.keys()]);
    const charactersFromMemory = [...fromMemory].reduce((sum, key) => sum + codePoints(key), 0);
    const writes = new EntryWrites(this.#concurrency, (write) =>
      this.#limit(() => this.#store.put(write.key, write.body, { contentType: 'application/json' })),
    );
    let usage: TranslationUsage = { characters: 0, requests: 0, retries: 0 };
    const fresh = new Map<string, Remembered>();
    const keep = (key: string | undefined, translation: string, detected: string | undefined) => {
      if (key === undefined || fresh.has(key)) return;
      const value = detected ? { translation, detected } : { translation };
      fresh.set(key, value);
      // An empty answer for a non-empty text is not a translation worth keeping.
      if (!this.#segmentEntries || translation.trim() === '') return;
      writes.add(() => ({
        key: segmentEntryKey(this.#prefix, context, hashes.get(key) as string),
        body: encodeEntry(context, [[key, value]], this.#memoryKey),
      }));
    };
    if (missing.length > 0) {
      try {
        const result = await this.#inner.translate({
          ...request,
          segments: missing,
          onAnswered: (answered) => {
            answered.indexes.forEach((index, i) => {
              keep(missing[index], answered.translations[i] ?? '', answered.detectedSourceLanguage);
            });
          },
        });
        usage = result.usage;
        missing.forEach((key, index) => {
          keep(key, result.translations[index] ?? '', result.detectedSourceLanguage);
        });
      } catch (error) {
        // What the engine answered before it failed stays remembered: another attempt does not pay for it again.
        await this.#written(context, writes);
        if (!(error instanceof TranslationError)) throw error;
        const billed = error.usage ?? usage;
        throw error.withUsage({
          ...billed,
          charactersFromMemory: (billed.charactersFromMemory ?? 0) + charactersFromMemory,
        });
      }
    }
    for (const chunk of missedChunks) writes.add(() => this.#packWrite(context, chunk, fresh, remembered));
    await this.#written(context, writes);

    const translationOf = (key: string) =>
      (human.get(key) ?? fresh.get(key) ?? remembered.get(key))?.translation;
    const translations = keys.map((key, index) =>
      key === '' ? (request.segments[index] ?? '') : (translationOf(key) ?? ''),
    );
    const detectedSourceLanguage =
      request.sourceLanguage === 'auto' ? mostCharacters(distinct, fresh, remembered) : undefined;
    return {
      translations,
      ...(human.size > 0 ? { reviewed: keys.map((key) => human.has(key)) } : {}),
      ...(detectedSourceLanguage ? { detectedSourceLanguage } : {}),
      usage: { ...usage, charactersFromMemory: (usage.charactersFromMemory ?? 0) + charactersFromMemory },
    };
  }

  async #readPack(
    context: MemoryContext,
    chunk: Chunk,
    problems: { unreadable: number; invalid: number },
  ): Promise<Remembered[] | undefined> {
    const key = packEntryKey(this.#prefix, context, packHash(chunk.hashes));
    return this.#readEntry(key, context, chunk.keys, MAX_PACK_ENTRY_BYTES, problems);
  }

  async #readSegment(
    context: MemoryContext,
    segment: string,
    hash: string,
    problems: { unreadable: number; invalid: number },
  ): Promise<Remembered | undefined> {
    const key = segmentEntryKey(this.#prefix, context, hash);
    return (await this.#readEntry(key, context, [segment], MAX_SEGMENT_ENTRY_BYTES, problems))?.[0];
  }

  async #readEntry(
    key: string,
    context: MemoryContext,
    keys: readonly string[],
    maxBytes: number,
    problems: { unreadable: number; invalid: number },
  ): Promise<Remembered[] | undefined> {
    return this.#limit(async () => {
      let body: Uint8Array | undefined;
      try {
        body = (await this.#store.get(key, { maxBytes }))?.body;
      } catch {
        // Unreadable (denied, throttled, too large...): the segments are translated as if never seen.
        problems.unreadable += 1;
        return undefined;
      }
      if (!body) return undefined;
      const decoded = decodeEntry(body, context, keys, this.#memoryKey);
      if (!decoded) problems.invalid += 1;
      return decoded;
    });
  }

  /** The pack of a chunk that was not found, once every one of its segments has a translation. */
  #packWrite(
    context: MemoryContext,
    chunk: Chunk,
    fresh: ReadonlyMap<string, Remembered>,
    remembered: ReadonlyMap<string, Remembered>,
  ): EntryWrite | undefined {
    const items = chunk.keys.map((key) => [key, fresh.get(key) ?? remembered.get(key)] as const);
    if (items.some(([, value]) => value === undefined || value.translation.trim() === '')) return undefined;
    return {
      key: packEntryKey(this.#prefix, context, packHash(chunk.hashes)),
      body: encodeEntry(context, items as [string, Remembered][], this.#memoryKey),
    };
  }

  /** Waits for the call's writes; the failures are only logged (the memory then does without those entries). */
  async #written(context: MemoryContext, writes: EntryWrites): Promise<void> {
    await writes.drained();
    if (writes.failures === 0) return;
    this.#logger?.warn('translation memory entries not written; those segments will be translated again', {
      targetLanguage: context.targetLanguage,
      failed: writes.failures,
      error: String(writes.firstError),
    });
  }
}

/** What `prepare` found, for `translate()` to go on from. */
interface Lookup {
  readonly request: TranslationRequest;
  readonly context: MemoryContext;
  /** The request's segments as segment keys, in order. */
  readonly keys: readonly string[];
  readonly distinct: readonly string[];
  readonly hashes: ReadonlyMap<string, string>;
  readonly remembered: ReadonlyMap<string, Remembered>;
  /** Editors' corrections found for the segments: they answer first. */
  readonly human: ReadonlyMap<string, Remembered>;
  /** The distinct segments neither the corrections nor the memory have, in order: what the engine is sent. */
  readonly missing: readonly string[];
  readonly missedChunks: readonly Chunk[];
}

interface EntryWrite {
  readonly key: string;
  readonly body: string;
}

/**
 * The entry writes of one call, queued as translations come in and made at most `width` at a time; each entry is
 * encoded only when its write starts, so however fast the engine answers, at most `width` bodies exist at once.
 */
class EntryWrites {
  readonly #width: number;
  readonly #put: (write: EntryWrite) => Promise<unknown>;
  #queue: (() => EntryWrite | undefined)[] = [];
  #next = 0;
  readonly #workers = new Set<Promise<void>>();
  failures = 0;
  firstError: unknown;

  constructor(width: number, put: (write: EntryWrite) => Promise<unknown>) {
    this.#width = width;
    this.#put = put;
  }

  /** Queues an entry, made by `entry` when its write starts (`undefined`: nothing to write). */
  add(entry: () => EntryWrite | undefined): void {
    this.#queue.push(entry);
    if (this.#workers.size >= this.#width) return;
    const worker = this.#work().finally(() => this.#workers.delete(worker));
    this.#workers.add(worker);
  }

  async #work(): Promise<void> {
    while (this.#next < this.#queue.length) {
      const entry = this.#queue[this.#next] as () => EntryWrite | undefined;
      this.#queue[this.#next] = () => undefined;
      this.#next += 1;
      const write = entry();
      if (!write) continue;
      try {
        await this.#put(write);
      } catch (error) {
        this.failures += 1;
        this.firstError ??= error;
      }
    }
  }

  /** Resolves once every entry queued so far (and any queued meanwhile) is written or has failed. */
  async drained(): Promise<void> {
    while (this.#workers.size > 0) await Promise.all(this.#workers);
    this.#queue = [];
    this.#next = 0;
  }
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** With an `auto` source, the language detected for most of the characters, fresh or remembered. */
function mostCharacters(
  keys: readonly string[],
  fresh: ReadonlyMap<string, Remembered>,
  remembered: ReadonlyMap<string, Remembered>,
): string | undefined {
  const weights = new Map<string, number>();
  for (const key of keys) {
    const detected = (fresh.get(key) ?? remembered.get(key))?.detected;
    if (detected) weights.set(detected, (weights.get(detected) ?? 0) + codePoints(key));
  }
  return [...weights].sort((a, b) => b[1] - a[1])[0]?.[0];
}
