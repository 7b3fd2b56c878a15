/**
 * What the translation memory stores and how it finds it again. Every entry names everything its translation
 * depends on (engine, engine settings, language pair, source text) and is sealed with an HMAC over all of it
 * under a key only the pipeline holds (a secret in AWS, a key file locally), so an entry that is corrupt,
 * truncated, hand-edited, stored under the wrong key, or written by anyone else who can write to the bucket, is
 * recognised and never used.
 */
import { hmacSha256Hex, sameDigest, sha256Hex } from '../hashing.js';

/**
 * Bumped when the entry format or the meaning of a key changes: older entries are then simply not found.
 * 2: sealed with an HMAC (1 had a plain SHA-256, which anyone able to write an entry could recompute).
 */
export const MEMORY_FORMAT = 'polybrief-memory/2';

/** The translation context every entry of one `translate()` call shares. */
export interface MemoryContext {
  readonly engine: string;
  /** `translator.settingsFor(target)`: formality, terminology and their versions. */
  readonly settings: string;
  readonly sourceLanguage: string;
  readonly targetLanguage: string;
  /**
   * `html` for tagged segments (inline HTML in and out): part of every hash (`MEMORY_FORMAT` is the entry
   * format's version, not the segment's), so a text and a tagged segment are never each other's entry. Plain
   * text names no markup, so its keys and entries are those it always had.
   */
  readonly markup?: 'html';
}

/** A remembered translation of one segment. */
export interface Remembered {
  readonly translation: string;
  /** The language the engine detected when the source language was `auto`. */
  readonly detected?: string;
}

/** `content` together with the memory format and the whole translation context, as text to hash. */
function inContext(context: MemoryContext, content: unknown): string {
  return JSON.stringify([
    MEMORY_FORMAT,
    context.engine,
    context.settings,
    context.sourceLanguage,
    context.targetLanguage,
    ...(context.markup === undefined ? [] : [`markup=${context.markup}`]),
    content,
  ]);
}

/** The hash a segment is stored under: of the normalised text and its whole translation context. */
export function segmentHash(context: MemoryContext, key: string): string {
  return sha256Hex(inContext(context, key));
}

/** The seal of an entry's rows in its context: HMAC-SHA256 under the memory key. */
function seal(context: MemoryContext, rows: readonly Row[], memoryKey: Uint8Array): string {
  return hmacSha256Hex(memoryKey, inContext(context, rows));
}

/** The hash a pack of segments is stored under: of their hashes, in order. */
export function packHash(segmentHashes: readonly string[]): string {
  return sha256Hex(`${MEMORY_FORMAT}:pack:${segmentHashes.join(',')}`);
}

function pathPart(value: string): string {
  return value.replace(/[^A-Za-z0-9_.-]/gu, '_') || '_';
}

/**
 * `<prefix>segments/<engine>/<source>-<target>/<h0h1>/<hash>.json`: readable by people (engine and language
 * pair first, so one pair's memory can be listed or deleted), and spread over 256 folders by hash so no folder
 * (or S3 key range) grows without bound.
 */
export function segmentEntryKey(prefix: string, context: MemoryContext, hash: string): string {
  return entryKey(prefix, 'segments', context, hash);
}

/** `<prefix>packs/...`, laid out as segment entries are. */
export function packEntryKey(prefix: string, context: MemoryContext, hash: string): string {
  return entryKey(prefix, 'packs', context, hash);
}

function entryKey(prefix: string, kind: 'segments' | 'packs', context: MemoryContext, hash: string): string {
  return `${entryFolder(prefix, kind, context)}${hash.slice(0, 2)}/${hash}.json`;
}

/** `<prefix><kind>/<engine>/<source>-<target>/`: where one context's entries of a kind live. */
export function entryFolder(prefix: string, kind: 'segments' | 'packs', context: MemoryContext): string {
  const pair = `${pathPart(context.engine)}/${pathPart(context.sourceLanguage)}-${pathPart(context.targetLanguage)}`;
  return `${prefix}${kind}/${pair}/`;
}

type Row = readonly [text: string, translation: string, detected: string | null];

interface EntryJson {
  readonly format: string;
  readonly engine: string;
  readonly settings: string;
  readonly sourceLanguage: string;
  readonly targetLanguage: string;
  readonly markup?: 'html';
  /** Source texts (segment keys) with their translations, in order; one row for a segment entry. */
  readonly rows: readonly Row[];
  /** HMAC-SHA256, under the memory key, of the format, the context and the rows. */
  readonly hmac: string;
}

/** The body of an entry holding these texts (segment keys) and their translations, sealed with `memoryKey`. */
export function encodeEntry(
  context: MemoryContext,
  items: readonly (readonly [key: string, remembered: Remembered])[],
  memoryKey: Uint8Array,
): string {
  const rows: Row[] = items.map(([key, remembered]) => [
    key,
    remembered.translation,
    remembered.detected ?? null,
  ]);
  const entry: EntryJson = {
    format: MEMORY_FORMAT,
    engine: context.engine,
    settings: context.settings,
    sourceLanguage: context.sourceLanguage,
    targetLanguage: context.targetLanguage,
    ...(context.markup === undefined ? {} : { markup: context.markup }),
    rows,
    hmac: seal(context, rows, memoryKey),
  };
  return `${JSON.stringify(entry)}\n`;
}

function isRow(value: unknown): value is Row {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string' &&
    value[1].trim() !== '' &&
    (value[2] === null || typeof value[2] === 'string')
  );
}

/**
 * The translations of `keys` (in order) from an entry's body, or `undefined` when the body is not exactly an
 * intact entry for these keys in this context: not JSON, another format, another engine, settings or language
 * pair, other texts, or a seal that is not the one `memoryKey` gives its content.
 */
export function decodeEntry(
  body: Uint8Array,
  context: MemoryContext,
  keys: readonly string[],
  memoryKey: Uint8Array,
): Remembered[] | undefined {
  let entry: Partial<EntryJson>;
  try {
    entry = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as Partial<EntryJson>;
  } catch {
    return undefined;
  }
  if (
    entry === null ||
    typeof entry !== 'object' ||
    entry.format !== MEMORY_FORMAT ||
    entry.engine !== context.engine ||
    entry.settings !== context.settings ||
    entry.sourceLanguage !== context.sourceLanguage ||
    entry.targetLanguage !== context.targetLanguage ||
    entry.markup !== context.markup ||
    !Array.isArray(entry.rows) ||
    entry.rows.length !== keys.length ||
    !entry.rows.every(isRow) ||
    typeof entry.hmac !== 'string' ||
    !sameDigest(entry.hmac, seal(context, entry.rows, memoryKey))
  ) {
    return undefined;
  }
  const rows = entry.rows;
  if (!keys.every((key, index) => rows[index]?.[0] === key)) return undefined;
  return rows.map(([, translation, detected]) =>
    detected === null ? { translation } : { translation, detected },
  );
}
