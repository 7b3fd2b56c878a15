/**
 * What the translation memory stores and how it finds it again. Every entry names everything its translation
 * depends on (engine, engine settings, language pair, source text) and carries a checksum over all of it, so an
 * entry that is corrupt, truncated, hand-edited or stored under the wrong key is recognised and never used.
 */
import { sha256Hex } from '../hashing.js';

/** Bumped when the entry format or the meaning of a key changes: older entries are then simply not found. */
export const MEMORY_FORMAT = 'polybrief-memory/1';

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

/** SHA-256 of `content` together with the memory format and the whole translation context. */
function contextHash(context: MemoryContext, content: unknown): string {
  return sha256Hex(
    JSON.stringify([
      MEMORY_FORMAT,
      context.engine,
      context.settings,
      context.sourceLanguage,
      context.targetLanguage,
      ...(context.markup === undefined ? [] : [`markup=${context.markup}`]),
      content,
    ]),
  );
}

/** The hash a segment is stored under: of the normalised text and its whole translation context. */
export function segmentHash(context: MemoryContext, key: string): string {
  return contextHash(context, key);
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
  readonly sha256: string;
}

/** The body of an entry holding these texts (segment keys) and their translations. */
export function encodeEntry(
  context: MemoryContext,
  items: readonly (readonly [key: string, remembered: Remembered])[],
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
    sha256: contextHash(context, rows),
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
 * pair, other texts, or a checksum that does not match its content.
 */
export function decodeEntry(
  body: Uint8Array,
  context: MemoryContext,
  keys: readonly string[],
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
    entry.sha256 !== contextHash(context, entry.rows)
  ) {
    return undefined;
  }
  const rows = entry.rows;
  if (!keys.every((key, index) => rows[index]?.[0] === key)) return undefined;
  return rows.map(([, translation, detected]) =>
    detected === null ? { translation } : { translation, detected },
  );
}
