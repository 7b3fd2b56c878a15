import type { TranslationError } from '../../functions/core/errors.js';
import type { TranslationRequest, TranslationResult, Translator } from '../../functions/core/ports.js';

/**
 * A deterministic stand-in engine: each segment comes back as `[<lang>] <segment>`. Records every request and
 * can be told to fail a language.
 */
export class TaggingTranslator implements Translator {
  readonly engine = 'tagging';
  readonly requests: TranslationRequest[] = [];
  readonly failing = new Map<string, TranslationError>();

  settingsFor(targetLanguage: string): string {
    return `tag:${targetLanguage}`;
  }

  async translate(request: TranslationRequest): Promise<TranslationResult> {
    this.requests.push(request);
    const failure = this.failing.get(request.targetLanguage);
    if (failure) throw failure;
    const characters = request.segments.join('\n').length;
    return {
      translations: request.segments.map((segment) => `[${request.targetLanguage}] ${segment}`),
      usage: { characters, requests: 1, retries: 0 },
    };
  }
}
