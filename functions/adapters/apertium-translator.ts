import { availableParallelism } from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';
import { TranslationError } from '../core/errors.js';
import type { TranslationRequest, TranslationResult, Translator } from '../core/ports.js';
import {
  type ApertiumEngine,
  nullFlushPipeline,
  OneShotApertium,
  PersistentApertium,
  runCommand,
} from './apertium-process.js';

/** Two- and three-letter codes, because Apertium names its modes either way (`en-gl`, `eng-spa`). */
const iso3: Readonly<Record<string, string>> = {
  en: 'eng',
  es: 'spa',
  ca: 'cat',
  gl: 'glg',
  eo: 'epo',
  fr: 'fra',
  pt: 'por',
  it: 'ita',
  de: 'deu',
  oc: 'oci',
  an: 'arg',
  eu: 'eus',
  ro: 'ron',
  nl: 'nld',
  af: 'afr',
  sv: 'swe',
  da: 'dan',
  nb: 'nob',
  nn: 'nno',
  is: 'isl',
};

/** The Debian package holding each English→X pair. */
export const apertiumPackages: Readonly<Record<string, string>> = {
  es: 'apertium-eng-spa',
  ca: 'apertium-eng-cat',
  gl: 'apertium-en-gl',
  eo: 'apertium-eo-en',
};

export function modeCandidates(source: string, target: string): string[] {
  const s3 = iso3[source] ?? source;
  const t3 = iso3[target] ?? target;
  return [...new Set([`${source}-${target}`, `${s3}-${t3}`, `${source}-${t3}`, `${s3}-${target}`])];
}

/** The installed mode translating `source` into `target`, if any. */
export function installedMode(
  modes: ReadonlySet<string>,
  source: string,
  target: string,
): string | undefined {
  return modeCandidates(source, target).find((mode) => modes.has(mode));
}

/** Installed Apertium modes (`apertium -l`), or `undefined` when the `apertium` command is missing. */
export async function listApertiumModes(command = 'apertium'): Promise<string[] | undefined> {
  try {
    const output = await runCommand(command, ['-l'], '', 30_000);
    return output
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  } catch {
    return undefined;
  }
}

export interface ApertiumTranslatorOptions {
  /** Installed modes, from `listApertiumModes()`. */
  readonly modes: readonly string[];
  readonly command?: string;
  /** Apertium processes running at once across all languages (default: the machine's cores). */
  readonly concurrency?: number;
  /** Characters per request to the engine: long articles go in pieces, so no single answer grows huge. */
  readonly chunkCharacters?: number;
  /**
   * Keep one long-lived engine per language pair (Apertium's null-flush mode) instead of starting `apertium` for
   * every request. Default: on where the installed Apertium supports it and no other command was given. Call
   * `close()` when done.
   */
  readonly persistent?: boolean;
  /** Fingerprints of the installed modes' data (`modeFingerprint`), part of `settingsFor` and so of memory keys. */
  readonly fingerprints?: Readonly<Record<string, string>>;
}

/**
 * Apertium, the rule-based engine, as a `Translator`. Segments go in separated by blank lines (Apertium keeps
 * paragraph breaks, while single line breaks can merge lines); the number of segments coming back is verified
 * and, where it differs, the batch is halved until every segment is aligned. Unknown-word marks are off (`-u`).
 */
export class ApertiumTranslator implements Translator {
  readonly engine = 'apertium';
  readonly #modes: ReadonlySet<string>;
  readonly #command: string;
  readonly #limit: LimitFunction;
  readonly #chunkCharacters: number;
  readonly #persistent: boolean;
  readonly #fingerprints: Readonly<Record<string, string>>;
  readonly #engines = new Map<string, Promise<ApertiumEngine>>();

  constructor(options: ApertiumTranslatorOptions) {
    this.#modes = new Set(options.modes);
    this.#command = options.command ?? 'apertium';
    this.#limit = pLimit(options.concurrency ?? availableParallelism());
    this.#chunkCharacters = options.chunkCharacters ?? 40_000;
    this.#persistent = options.persistent ?? options.command === undefined;
    this.#fingerprints = options.fingerprints ?? {};
  }

  #engine(mode: string): Promise<ApertiumEngine> {
    let engine = this.#engines.get(mode);
    if (!engine) {
      const pipeline = this.#persistent ? nullFlushPipeline(mode) : Promise.resolve(undefined);
      engine = pipeline.then((script) =>
        script ? new PersistentApertium(script) : new OneShotApertium(this.#command, mode),
      );
      this.#engines.set(mode, engine);
    }
    return engine;
  }

  /** Stops the long-lived engines. */
  async close(): Promise<void> {
    const engines = await Promise.all(this.#engines.values());
    this.#engines.clear();
    for (const engine of engines) engine.close();
  }

  modeFor(source: string, target: string): string | undefined {
    return installedMode(this.#modes, source, target);
  }

  supports(source: string, target: string): boolean {
    return this.modeFor(source, target) !== undefined;
  }

  settingsFor(targetLanguage: string): string {
    const mode = this.modeFor('en', targetLanguage);
    if (!mode) return targetLanguage;
    const fingerprint = this.#fingerprints[mode];
    return fingerprint ? `${mode}@${fingerprint}` : mode;
  }

  async translate(request: TranslationRequest): Promise<TranslationResult> {
    const mode = this.modeFor(request.sourceLanguage, request.targetLanguage);
    if (!mode) {
      const pkg = apertiumPackages[request.targetLanguage];
      throw new TranslationError(
        `Apertium has no ${request.sourceLanguage}→${request.targetLanguage} pair installed${pkg ? ` (install the Debian package ${pkg})` : ''}.`,
        false,
      );
    }
    const usage = { characters: 0, requests: 0, retries: 0 };
    const chunks = chunk(request.segments, this.#chunkCharacters);
    const translated = await Promise.all(chunks.map((segments) => this.#aligned(mode, segments, usage)));
    return { translations: translated.flat(), usage };
  }

  async #aligned(
    mode: string,
    segments: readonly string[],
    usage: { characters: number; requests: number; retries: number },
  ): Promise<string[]> {
    if (segments.length === 0) return [];
    const input = segments.join('\n\n');
    usage.characters += input.length;
    usage.requests++;
    let output: string;
    try {
      const engine = await this.#engine(mode);
      output = await this.#limit(() => engine.translate(input, 30_000 + Math.ceil(input.length / 10)));
    } catch (error) {
      throw new TranslationError(
        `Apertium (${mode}) failed: ${error instanceof Error ? error.message : String(error)}`,
        false,
        { cause: error },
      );
    }
    const parts = output.trim().split(/\n[ \t]*\n/u);
    if (parts.length === segments.length) {
      return parts.map((part, index) => clean(part, segments[index] ?? ''));
    }
    if (segments.length === 1) return [clean(parts.join(' '), segments[0] ?? '')];
    usage.retries++;
    const middle = Math.ceil(segments.length / 2);
    const [left, right] = await Promise.all([
      this.#aligned(mode, segments.slice(0, middle), usage),
      this.#aligned(mode, segments.slice(middle), usage),
    ]);
    return [...left, ...right];
  }
}

function chunk(segments: readonly string[], limit: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const segment of segments) {
    if (current.length > 0 && size + segment.length > limit) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(segment);
    size += segment.length + 2;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Drops Apertium's `#`/`@` analysis marks (which the source text did not have) and stray whitespace. */
function clean(translation: string, source: string): string {
  let text = translation.replace(/\s+/gu, ' ').trim();
  if (!source.includes('#')) text = text.replace(/#(?=\p{L})/gu, '');
  if (!source.includes('@')) text = text.replace(/@(?=\p{L})/gu, '');
  return text;
}
