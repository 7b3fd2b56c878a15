import type { TranslationScope } from '../core/contract.js';
import {
  deploymentName,
  type PipelineSettings,
  pipelineSettings,
  type SettingName,
} from '../core/settings.js';
import { defaultValues } from '../shared/options/table.js';
import { COMMAND_OPTIONS, commandFlag, type TranslatorName } from './command-options.js';
import { chooseTranslator, type TranslatorChoice } from './translator-choice.js';

/** The options `polybrief run` and `polybrief dev` share (their flags: `COMMAND_OPTIONS` in command-options.ts). */
export interface PipelineCommandOptions {
  readonly languages: readonly string[] | undefined;
  readonly translator: TranslatorName;
  readonly sourceLanguage: string;
  readonly scope: TranslationScope;
  readonly maxArticleBytes: number;
  /** The analysis time budget of one article (the options table's default when absent). */
  readonly analysisBudgetMs?: number;
  /** `--max-characters`: the per-article budget. */
  readonly maxCharacters: number;
  readonly concurrency: number;
  readonly installMissing: boolean;
  readonly logFormat: 'text' | 'json';
  readonly verbose: boolean;
  readonly pipelineVersion: string;
  /** USD per million characters, overriding the engine's list price. */
  readonly price?: number;
  /** Where the outputs will be served (`--public-base-url`), for the pages' absolute links. */
  readonly publicBaseUrl?: string | undefined;
  /** Reuse the translation memory under `cachePrefix` (`--no-cache`: translate afresh, still remembering). */
  readonly cache: boolean;
  readonly cachePrefix: string;
}

export interface PipelineSetup {
  /** The engine and the languages it will publish; call `choice.close()` when done. */
  readonly choice: TranslatorChoice;
  readonly settings: PipelineSettings;
}

/** An option as the command line names it: its long flag, or the deployment's name when no command has one. */
export const flagName: SettingName = (option) => {
  const command = (['run', 'dev'] as const).find((name) => COMMAND_OPTIONS[name].includes(option));
  const flags = command ? commandFlag(option, command).cli.flags : undefined;
  return (flags && /--[\w-]+/.exec(flags)?.[0]) ?? deploymentName(option);
};

/**
 * Builds the translator the options ask for (saying any warning about languages it cannot publish) and the
 * settings the pipeline runs with: the default prefixes, the languages the engine can publish, and the price given
 * or the engine's list price.
 */
export async function setUpPipeline(
  options: PipelineCommandOptions,
  say: (line: string) => void,
): Promise<PipelineSetup> {
  const choice = await chooseTranslator({
    name: options.translator,
    sourceLanguage: options.sourceLanguage,
    languages: options.languages,
    installMissing: options.installMissing,
    say,
  });
  if (choice.warning) say(`warn  ${choice.warning}`);

  const settings = pipelineSettings(
    {
      ...defaultValues(),
      sourceLanguage: options.sourceLanguage,
      // The source language is published as it is: never a target too.
      languages: choice.languages.filter((language) => language !== options.sourceLanguage),
      maxArticleBytes: options.maxArticleBytes,
      ...(options.analysisBudgetMs === undefined ? {} : { analysisBudgetMs: options.analysisBudgetMs }),
      maxCharactersPerArticle: options.maxCharacters,
      translationScope: options.scope,
      pricePerMillionCharacters: options.price ?? choice.pricePerMillionCharacters,
      publicBaseUrl: options.publicBaseUrl,
    },
    options.pipelineVersion,
  );
  // Failed records' hints name the flag to change here (`--max-article-bytes`), not the deployment's key.
  return { choice, settings: { ...settings, nameOf: flagName } };
}
