import { AmazonTranslateTranslator } from '../adapters/amazon-translate-translator.js';
import { modeFingerprint } from '../adapters/apertium-process.js';
import { ApertiumTranslator, apertiumPackages, installedMode } from '../adapters/apertium-translator.js';
import { createComprehendClient, createTranslateClient } from '../adapters/aws-clients.js';
import { ComprehendLanguageDetector } from '../adapters/comprehend-language-detector.js';
import type { LanguageDetector, Translator } from '../core/ports.js';
import {
  AUTO_SOURCE_LANGUAGE,
  describeAmazonTranslateLanguages,
  isAmazonTranslateLanguageCode,
} from '../shared/amazon-translate-languages.js';
import { AMAZON_TRANSLATE_PRICE, DEFAULT_TARGET_LANGUAGES } from '../shared/options/table.js';
import { setUpApertium } from './apertium-setup.js';
import { checkAwsAccess } from './aws-access.js';
import type { TranslatorName } from './command-options.js';
import { UsageError } from './usage-error.js';

export interface TranslatorChoice {
  readonly translator: Translator;
  /** With `--source-language auto` (aws only): tells each article's language. */
  readonly detector?: LanguageDetector;
  /** The target languages that will be published. */
  readonly languages: readonly string[];
  readonly pricePerMillionCharacters: number;
  /** Said once to the user when some requested languages cannot be published. */
  readonly warning?: string;
  /** Releases the engine's processes and connections. */
  readonly close: () => Promise<void>;
}

export interface TranslatorChoiceOptions {
  readonly name: TranslatorName;
  readonly sourceLanguage: string;
  /** As given with `--languages`, or `undefined` for the translator's defaults. */
  readonly languages: readonly string[] | undefined;
  readonly installMissing: boolean;
  readonly say: (line: string) => void;
}

/** Builds the translator a command asked for and settles which languages it can publish. */
export async function chooseTranslator(options: TranslatorChoiceOptions): Promise<TranslatorChoice> {
  const { sourceLanguage } = options;
  if (options.name === 'aws') {
    const languages = options.languages ?? DEFAULT_TARGET_LANGUAGES;
    const unknown = languages.filter((language) => !isAmazonTranslateLanguageCode(language));
    if (unknown.length > 0) {
      throw new UsageError(
        `Amazon Translate does not support ${unknown.join(', ')}. Supported: ${describeAmazonTranslateLanguages()}`,
      );
    }
    const client = createTranslateClient();
    // Before any work: one usage error naming what is missing, not a "Region is missing" per language.
    await checkAwsAccess(client.config).catch((error: unknown) => {
      client.destroy();
      throw error;
    });
    const translator = new AmazonTranslateTranslator({ client });
    // auto: each article's language is detected once with Amazon Comprehend (AWS_ENDPOINT_URL_COMPREHEND).
    const comprehend = sourceLanguage === AUTO_SOURCE_LANGUAGE ? await createComprehendClient() : undefined;
    const close = async (): Promise<void> => {
      client.destroy();
      comprehend?.destroy();
    };
    return {
      translator,
      ...(comprehend ? { detector: new ComprehendLanguageDetector({ client: comprehend }) } : {}),
      languages,
      pricePerMillionCharacters: AMAZON_TRANSLATE_PRICE,
      close,
    };
  }

  if (sourceLanguage !== 'en') {
    throw new UsageError(
      `The apertium translator translates from English (en) only; got --source-language ${sourceLanguage}.`,
    );
  }
  const supported = Object.keys(apertiumPackages);
  const requested = options.languages ?? supported;
  const unknown = requested.filter((language) => !supported.includes(language));
  if (unknown.length > 0) {
    throw new UsageError(
      `Apertium cannot translate English into ${unknown.join(', ')}. Supported: ${supported.join(', ')}.`,
    );
  }
  // By default es and ca are wanted; gl and eo join only where their pairs are already installed.
  const wanted = options.languages ?? ['es', 'ca'];
  const setup = await setUpApertium({
    sourceLanguage,
    languages: wanted,
    install: options.installMissing,
    say: options.say,
  });
  const installed = new Set(setup.modes ?? []);
  const modeFor = (language: string) => installedMode(installed, sourceLanguage, language);
  const optional = options.languages ? [] : requested.filter((language) => !wanted.includes(language));
  const languages = [...setup.ready, ...optional.filter((language) => modeFor(language) !== undefined)];
  const modes = languages.flatMap((language) => modeFor(language) ?? []);
  const fingerprints = Object.fromEntries(
    (await Promise.all(modes.map(async (mode) => [mode, await modeFingerprint(mode)] as const))).filter(
      (entry): entry is readonly [string, string] => entry[1] !== undefined,
    ),
  );
  const translator = new ApertiumTranslator({ modes: setup.modes ?? [], fingerprints });
  const close = (): Promise<void> => translator.close();
  if (setup.missing.length === 0) return { translator, languages, pricePerMillionCharacters: 0, close };
  const warning =
    `Apertium ${setup.modes === undefined ? 'is not installed' : `has no English→${setup.missing.join('/')} pair installed`}, ` +
    `so ${setup.missing.join(', ')} will not be published. Install it with: sudo apt-get install ${setup.packages.join(' ')}`;
  return { translator, languages, pricePerMillionCharacters: 0, warning, close };
}
