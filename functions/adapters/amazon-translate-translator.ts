import {
  type TranslateClient,
  TranslateTextCommand,
  type TranslateTextRequest,
} from '@aws-sdk/client-translate';
import pLimit, { type LimitFunction } from 'p-limit';
import { TranslationError } from '../core/errors.js';
import type { TranslationRequest, TranslationResult, Translator } from '../core/ports.js';
import {
  type Terminologies,
  type TranslationSetting,
  terminologiesId,
  terminologyFor,
  terminologyNames,
} from '../shared/options/translate-values.js';
import {
  DEFAULT_TRANSLATE_CONCURRENCY,
  DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE,
} from '../shared/translate-concurrency.js';
import { checkAnswer } from './answer-checks.js';
import { joinUnits, packUnits, segmentUnits } from './segment-packing.js';
import { SegmentProgress } from './segment-progress.js';
import { toTranslationError } from './translate-errors.js';

/** Amazon Translate's limit on the text of one `TranslateText` request, in UTF-8 bytes. */
export const TRANSLATE_MAX_REQUEST_BYTES = 10_000;

/** Output-changing settings of one target language (see `TranslationSettings` in the Translate API). */
export interface AmazonTranslateSettings extends TranslationSetting {
  readonly brevity?: 'ON';
}

export interface AmazonTranslateTranslatorOptions {
  /** Built once (see `createTranslateClient`); its retry mode, attempts and request timeout apply. */
  readonly client: Pick<TranslateClient, 'send'>;
  /** Requests in flight at once, shared by every `translate()` call on this instance. Default 50. */
  readonly concurrency?: number;
  /** Requests in flight at once for any one target language, within `concurrency`. Default 10. */
  readonly concurrencyPerLanguage?: number;
  /** Settings by target language; the key `*` applies to languages not listed. */
  readonly settings?: Readonly<Record<string, AmazonTranslateSettings>>;
  /**
   * The custom terminology of each target language (`*`: every language); a request applies its language's one only,
   * as TranslateText accepts one terminology per request.
   */
  readonly terminologies?: Terminologies;
  /**
   * A version of each terminology (its last update, see `fetchTerminologyVersions`), named in `settingsFor` so
   * that translations remembered under an older version of a terminology are not reused after it changes.
   */
  readonly terminologyVersions?: Readonly<Record<string, string>>;
  /** Only lower than the service limit, for tests. */
  readonly maxRequestBytes?: number;
}

interface MutableUsage {
  characters: number;
  requests: number;
  retries: number;
}

interface Answer {
  readonly text: string;
  readonly sourceLanguage: string | undefined;
}

/**
 * Translates with Amazon Translate. Segments travel one per line, packed into requests under the byte limit;
 * an answer whose line count differs from the request's is thrown away and its segments sent one by one.
 */
export class AmazonTranslateTranslator implements Translator {
  readonly engine = 'amazon-translate';
  /** Every character of the text is billed, tags included. */
  readonly billsMarkup = true;
  readonly #client: Pick<TranslateClient, 'send'>;
  readonly #limit: LimitFunction;
  readonly #languageLimits = new Map<string, LimitFunction>();
  readonly #concurrencyPerLanguage: number;
  readonly #terminologyVersions: Readonly<Record<string, string>>;
  readonly #settings: Readonly<Record<string, AmazonTranslateSettings>>;
  readonly #terminologies: Terminologies;
  readonly #maxBytes: number;
  readonly #options: AmazonTranslateTranslatorOptions;
  readonly #variants = new Map<string, AmazonTranslateTranslator>();
  /** The translator built with the deployment's terminologies, whose names bound every upload's choice. */
  #deployed: AmazonTranslateTranslator = this;

  constructor(options: AmazonTranslateTranslatorOptions) {
    const concurrency = options.concurrency ?? DEFAULT_TRANSLATE_CONCURRENCY;
    const perLanguage = options.concurrencyPerLanguage ?? DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE;
    for (const [name, value] of [
      ['concurrency', concurrency],
      ['concurrencyPerLanguage', perLanguage],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`${name} must be a positive integer, got ${value}`);
      }
    }
    const maxBytes = options.maxRequestBytes ?? TRANSLATE_MAX_REQUEST_BYTES;
    if (!Number.isInteger(maxBytes) || maxBytes < 4 || maxBytes > TRANSLATE_MAX_REQUEST_BYTES) {
      throw new RangeError(`maxRequestBytes must be an integer from 4 to ${TRANSLATE_MAX_REQUEST_BYTES}`);
    }
    this.#client = options.client;
    this.#limit = pLimit(concurrency);
    this.#concurrencyPerLanguage = perLanguage;
    this.#terminologyVersions = options.terminologyVersions ?? {};
    this.#settings = options.settings ?? {};
    this.#terminologies = options.terminologies ?? {};
    this.#maxBytes = maxBytes;
    this.#options = options;
  }

  /**
   * An upload's terminologies in place of the deployment's map (languages it does not name get none, unless `*`):
   * each name must be one the deployment reads, whose version is known and whose GetTerminology is granted.
   */
  withTerminologies(terminologies: Terminologies): AmazonTranslateTranslator {
    const deployed = this.#deployed;
    const reads = terminologyNames(deployed.#terminologies);
    const unknown = terminologyNames(terminologies).filter((name) => !reads.includes(name));
    if (unknown.length > 0) {
      throw new RangeError(
        `${unknown.join(', ')} is not a terminology this deployment reads (it reads ${reads.join(', ') || 'none'}).`,
      );
    }
    const id = terminologiesId(terminologies);
    let variant = deployed.#variants.get(id);
    if (!variant) {
      variant = new AmazonTranslateTranslator({ ...deployed.#options, terminologies });
      variant.#deployed = deployed;
      deployed.#variants.set(id, variant);
    }
    return variant;
  }

  settingsFor(targetLanguage: string): string {
    const settings = this.#languageSettings(targetLanguage);
    const parts: string[] = [];
    if (settings?.formality) parts.push(`formality=${settings.formality}`);
    if (settings?.profanity) parts.push(`profanity=${settings.profanity}`);
    if (settings?.brevity) parts.push(`brevity=${settings.brevity}`);
    const terminology = terminologyFor(this.#terminologies, targetLanguage);
    if (terminology) {
      const version = this.#terminologyVersions[terminology];
      parts.push(`terminology=${version ? `${terminology}@${version}` : terminology}`);
    }
    return parts.join(';');
  }

  async translate(request: TranslationRequest): Promise<TranslationResult> {
    const usage: MutableUsage = { characters: 0, requests: 0, retries: 0 };
    const units = segmentUnits(request.segments, this.#maxBytes);
    const translated = new Array<string | undefined>(units.length);
    const abandon = new AbortController();
    // With `auto`, each request is detected on its own: the language of most characters wins.
    const detected = new Map<string, number>();

    const progress = new SegmentProgress(request.segments.length, units);
    // Each answered request is reported at once, so what was paid for is kept even if the language fails later.
    const answered = (indexes: readonly number[], sourceLanguage: string | undefined) => {
      const segments = progress.completed(indexes, translated);
      if (segments.indexes.length === 0 || !request.onAnswered) return;
      request.onAnswered(
        request.sourceLanguage === 'auto' && sourceLanguage
          ? { ...segments, detectedSourceLanguage: sourceLanguage }
          : segments,
      );
    };

    const sendLines = async (indexes: readonly number[]) => {
      const text = indexes.map((index) => units[index]?.text).join('\n');
      const answer = await this.#send(text, request, usage, abandon.signal);
      if (answer.sourceLanguage) {
        detected.set(answer.sourceLanguage, (detected.get(answer.sourceLanguage) ?? 0) + text.length);
      }
      const lines = answer.text.split(/\r?\n/);
      if (indexes.length === 1) {
        // A single line may come back broken in two; it still belongs to the one unit.
        translated[indexes[0] as number] = lines.join(' ');
        checkAnswer('Amazon Translate', text, lines.join(' '));
      } else {
        if (lines.length !== indexes.length) return false;
        indexes.forEach((index, i) => {
          checkAnswer('Amazon Translate', units[index]?.text ?? '', lines[i] ?? '');
          translated[index] = lines[i];
        });
      }
      answered(indexes, answer.sourceLanguage);
      return true;
    };

    // Once one request of this call has failed, queued ones are not sent; those in flight are waited for, so
    // what they were billed is counted and their answers are reported.
    let failure: unknown;
    const fail = (error: unknown) => {
      if (!abandon.signal.aborted) failure = error;
      abandon.abort();
      return false;
    };
    const requests = packUnits(units, this.#maxBytes).map(async (indexes) => {
      if (await sendLines(indexes).catch(fail)) return;
      if (abandon.signal.aborted) return;
      await Promise.all(indexes.map((index) => sendLines([index]).catch(fail)));
    });
    await Promise.all(requests);
    if (abandon.signal.aborted) {
      throw failure instanceof TranslationError ? failure.withUsage({ ...usage }) : failure;
    }
    const translations = joinUnits(request.segments.length, units, translated);
    const detectedSourceLanguage = [...detected].sort((a, b) => b[1] - a[1])[0]?.[0];
    return {
      translations,
      ...(request.sourceLanguage === 'auto' && detectedSourceLanguage ? { detectedSourceLanguage } : {}),
      usage: { ...usage },
    };
  }

  #languageSettings(targetLanguage: string): AmazonTranslateSettings | undefined {
    return this.#settings[targetLanguage] ?? this.#settings['*'];
  }

  async #send(
    text: string,
    request: TranslationRequest,
    usage: MutableUsage,
    abandoned: AbortSignal,
  ): Promise<Answer> {
    const settings = this.#languageSettings(request.targetLanguage);
    const terminology = terminologyFor(this.#terminologies, request.targetLanguage);
    const input: TranslateTextRequest = {
      Text: text,
      SourceLanguageCode: request.sourceLanguage,
      TargetLanguageCode: request.targetLanguage,
      ...(settings && (settings.formality || settings.profanity || settings.brevity)
        ? {
            Settings: {
              ...(settings.formality ? { Formality: settings.formality } : {}),
              ...(settings.profanity ? { Profanity: settings.profanity } : {}),
              ...(settings.brevity ? { Brevity: settings.brevity } : {}),
            },
          }
        : {}),
      ...(terminology ? { TerminologyNames: [terminology] } : {}),
    };
    return this.#languageLimit(request.targetLanguage)(() =>
      this.#limit(async () => {
        if (abandoned.aborted) {
          throw new TranslationError('Abandoned after another request for this language failed.', false);
        }
        usage.requests += 1;
        try {
          const output = await this.#client.send(new TranslateTextCommand(input));
          usage.retries += (output.$metadata.attempts ?? 1) - 1;
          usage.characters += countCharacters(text);
          return { text: output.TranslatedText ?? '', sourceLanguage: output.SourceLanguageCode };
        } catch (error) {
          usage.retries += Math.max(0, attemptsOf(error) - 1);
          throw toTranslationError(error, request);
        }
      }),
    );
  }

  #languageLimit(targetLanguage: string): LimitFunction {
    let limit = this.#languageLimits.get(targetLanguage);
    if (!limit) {
      limit = pLimit(this.#concurrencyPerLanguage);
      this.#languageLimits.set(targetLanguage, limit);
    }
    return limit;
  }
}

export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function attemptsOf(error: unknown): number {
  const attempts = (error as { $metadata?: { attempts?: unknown } } | undefined)?.$metadata?.attempts;
  return typeof attempts === 'number' ? attempts : 1;
}
