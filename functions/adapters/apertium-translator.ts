import { availableParallelism } from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';
import { TranslationError } from '../core/errors.js';
import { inlineHtmlText } from '../core/inline-html.js';
import type { TranslationRequest, TranslationResult, Translator } from '../core/ports.js';
import { checkAnswer } from './answer-checks.js';
import {
  type ApertiumEngine,
  type ModePipeline,
  nullFlushPipeline,
  PersistentApertium,
  runCommand,
} from './apertium-process.js';
import {
  type ApertiumRepairs,
  NO_REPAIRS,
  REPAIRS,
  repairSource,
  repairTranslation,
} from './apertium-repairs.js';
import { repairsFingerprint } from './apertium-repairs-fingerprint.js';
import {
  htmlToStream,
  StreamMarkerError,
  streamToHtml,
  streamToText,
  textToStream,
} from './apertium-stream.js';

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
  /** Apertium pipelines running at once across all languages (default: the machine's cores). */
  readonly concurrency?: number;
  /**
   * Fingerprints of the installed modes' data (`modeFingerprint`), part of `settingsFor` and so of memory keys;
   * so is what the repairs do (`repairsFingerprint`).
   */
  readonly fingerprints?: Readonly<Record<string, string>>;
  /** The pipeline of a mode; default: the installed one (`nullFlushPipeline`). Tests give stand-ins. */
  readonly pipeline?: (mode: string) => Promise<ModePipeline | undefined>;
  /** Repairs of Apertium's garbling by target language (default `REPAIRS`, measured on FLORES). */
  readonly repairs?: Readonly<Record<string, ApertiumRepairs>>;
}

/**
 * Apertium, the rule-based engine, as a `Translator`. Each segment is a request of its own to a long-lived
 * pipeline (see `PersistentApertium`): a segment's translation depends on that segment and the installed data
 * only, never on what was translated before it. Segments go in and come out in Apertium's stream format,
 * written and read here (apertium-stream.ts); requests in `html` format keep their inline elements as
 * word-bound blanks, and the content of `translate=no` elements exactly as it was. Unknown-word marks are off.
 */
export class ApertiumTranslator implements Translator {
  readonly engine = 'apertium';
  readonly #modes: ReadonlySet<string>;
  readonly #limit: LimitFunction;
  readonly #fingerprints: Readonly<Record<string, string>>;
  readonly #pipeline: (mode: string) => Promise<ModePipeline | undefined>;
  readonly #engines = new Map<string, Promise<ApertiumEngine>>();
  readonly #repairs: Readonly<Record<string, ApertiumRepairs>>;
  readonly #repairsFingerprints = new Map<string, string>();
  #sequence = 0;

  constructor(options: ApertiumTranslatorOptions) {
    this.#modes = new Set(options.modes);
    this.#limit = pLimit(options.concurrency ?? availableParallelism());
    this.#fingerprints = options.fingerprints ?? {};
    this.#pipeline = options.pipeline ?? nullFlushPipeline;
    this.#repairs = options.repairs ?? REPAIRS;
  }

  #engine(mode: string): Promise<ApertiumEngine> {
    let engine = this.#engines.get(mode);
    if (!engine) {
      engine = this.#pipeline(mode).then((pipeline) => {
        if (!pipeline) {
          throw new TranslationError(
            `Apertium cannot run the ${mode} pair in null-flush form (apertium-wblank-mode -z): install Apertium 3.7 or newer.`,
            false,
          );
        }
        return new PersistentApertium(pipeline);
      });
      // A failure to set up is reported to this call and tried again on the next.
      engine.catch(() => this.#engines.delete(mode));
      this.#engines.set(mode, engine);
    }
    return engine;
  }

  /** Stops the long-lived engines. */
  async close(): Promise<void> {
    const engines = await Promise.allSettled(this.#engines.values());
    this.#engines.clear();
    for (const engine of engines) if (engine.status === 'fulfilled') engine.value.close();
  }

  /** Taggers restarted because they had changed state (see `PersistentApertium`), by mode. */
  async taggerRestarts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const [mode, engine] of this.#engines) {
      const value = await engine.catch(() => undefined);
      if (value instanceof PersistentApertium) counts[mode] = value.taggerRestarts;
    }
    return counts;
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
    const engine = fingerprint ? `${mode}@${fingerprint}` : mode;
    let repairs = this.#repairsFingerprints.get(targetLanguage);
    if (repairs === undefined) {
      repairs = repairsFingerprint(this.#repairs[targetLanguage]);
      this.#repairsFingerprints.set(targetLanguage, repairs);
    }
    return repairs ? `${engine}+repairs@${repairs}` : engine;
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
    const html = request.format === 'html';
    const usage = { characters: 0, requests: 0, retries: 0 };
    const repairs = this.#repairs[request.targetLanguage] ?? NO_REPAIRS;
    // Once a segment has failed, those still queued are not sent; those in flight are waited for, so each
    // answered one is reported (and remembered) and what was sent is counted.
    let failure: unknown;
    const translations = await Promise.all(
      request.segments.map(async (segment, index) => {
        if (segment.trim() === '') return segment;
        return this.#limit(async () => {
          if (failure !== undefined) return segment;
          usage.characters += segment.length;
          usage.requests += 1;
          try {
            const translation = await this.#translateSegment(mode, segment, html, repairs);
            request.onAnswered?.({ indexes: [index], translations: [translation] });
            return translation;
          } catch (error) {
            failure ??= error;
            return segment;
          }
        });
      }),
    );
    if (failure !== undefined) {
      throw failure instanceof TranslationError ? failure.withUsage({ ...usage }) : failure;
    }
    return { translations, usage };
  }

  async #translateSegment(
    mode: string,
    segment: string,
    html: boolean,
    repairs: ApertiumRepairs,
  ): Promise<string> {
    const sequence = ++this.#sequence;
    const rewrite = (text: string) => repairSource(text, repairs);
    const encoded = html ? htmlToStream(segment, sequence, rewrite) : undefined;
    const stream = encoded?.stream ?? textToStream(segment, sequence, rewrite);
    const kept = new Map<number, string>();
    for (const [id, element] of encoded?.elements ?? []) {
      if (element.keep) kept.set(id, inlineHtmlText(element.source));
    }
    const engine = await this.#engine(mode);
    let output: string;
    try {
      output = await engine.translate(stream, kept, 30_000 + Math.ceil(segment.length / 10));
    } catch (error) {
      throw new TranslationError(
        `Apertium (${mode}) failed: ${error instanceof Error ? error.message : String(error)}`,
        false,
        { cause: error },
      );
    }
    try {
      checkAnswer(`Apertium (${mode})`, stream, output);
    } catch (error) {
      engine.close();
      throw error;
    }
    try {
      const translation = encoded ? streamToHtml(output, sequence, encoded) : streamToText(output, sequence);
      return repairTranslation(clean(translation, segment), segment, repairs);
    } catch (error) {
      if (!(error instanceof StreamMarkerError)) throw error;
      // The pipe is out of step with its requests: every later answer would be another segment's.
      engine.close();
      throw new TranslationError(
        `Apertium (${mode}) answered out of step (${error.message}): not a translation of the segment sent, so nothing of this language is published.`,
        false,
        { cause: error },
      );
    }
  }
}

/** Drops Apertium's `#`/`@` analysis marks (which the source text did not have) and stray whitespace. */
function clean(translation: string, source: string): string {
  let text = translation.replace(/\s+/gu, ' ').trim();
  if (!source.includes('#')) text = text.replace(/#(?=\p{L})/gu, '');
  if (!source.includes('@')) text = text.replace(/@(?=\p{L})/gu, '');
  return text;
}
