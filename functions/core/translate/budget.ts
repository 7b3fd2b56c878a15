import { ArticleError } from '../errors.js';
import { inlineHtmlText } from '../inline-html.js';
import type { PreparedTranslation, TranslationRequest, TranslationResult, Translator } from '../ports.js';
import type { ArticleRun } from '../run.js';

/**
 * What an article may cost: the characters its languages would send to the engine, worked out before any request
 * (from what the translation memory does not have), against the per-article budget.
 */

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * The characters an engine bills for these segments, each sent once, one per line: their code points and a line
 * break between two. This is what Amazon Translate bills when they are packed into requests (less the line breaks
 * where one request ends and the next begins); more only when a sentence over a request's limit is cut, or an
 * answer that lost a line is sent again line by line.
 */
export function billableCharacters(segments: readonly string[]): number {
  if (segments.length === 0) return 0;
  return segments.reduce((sum, segment) => sum + codePoints(segment), segments.length - 1);
}

/**
 * The characters `translator` bills for `request`: inline HTML's markup counts only for an engine that bills it
 * (Amazon Translate); for any other only the text does.
 */
export function requestCharacters(
  translator: Pick<Translator, 'billsMarkup'>,
  request: Pick<TranslationRequest, 'segments' | 'format'>,
): number {
  const textOnly = request.format === 'html' && translator.billsMarkup !== true;
  return billableCharacters(textOnly ? request.segments.map(inlineHtmlText) : request.segments);
}

const figure = (value: number) => value.toLocaleString('en-US');

/** An article whose translation would send more characters than the budget allows: refused before any request. */
export class OverBudgetError extends ArticleError {
  override readonly name = 'OverBudgetError';
  constructor(
    readonly characters: number,
    readonly budget: number,
    languages: number,
  ) {
    super(
      'over-budget',
      `Translating the article would send ${figure(characters)} characters to the translation engine ` +
        `(${languages === 1 ? 'one language' : `${languages} languages together`}), over the budget of ` +
        `${figure(budget)} characters per article. Nothing was sent.`,
      (nameOf) =>
        `Raise ${nameOf('maxCharactersPerArticle')} to at least ${characters} if the article should be translated ` +
        'in full, or split it, translate it into fewer languages or in brief scope (headline, summary and facts only).',
    );
  }
}

const NOTHING: TranslationResult = { translations: [], usage: { characters: 0, requests: 0, retries: 0 } };

/**
 * A request worked out up to the engine: the translation memory looks up what it has; a translator without
 * `prepare` is taken to send every segment; a request without segments sends nothing.
 */
export async function prepareRequest(
  translator: Translator,
  request: TranslationRequest,
): Promise<PreparedTranslation> {
  if (request.segments.length === 0) return { charactersToSend: 0, translate: async () => NOTHING };
  if (translator.prepare) return translator.prepare(request);
  return {
    charactersToSend: requestCharacters(translator, request),
    translate: () => translator.translate(request),
  };
}

/**
 * Refuses the article with an `OverBudgetError` when its prepared requests, every language's together, would
 * send more than `maxCharactersPerArticle`: before any request.
 */
export function checkBudget(
  run: ArticleRun,
  languages: readonly { readonly plain: PreparedTranslation; readonly tagged: PreparedTranslation }[],
): void {
  const { settings } = run;
  const characters = languages.reduce(
    (sum, language) => sum + language.plain.charactersToSend + language.tagged.charactersToSend,
    0,
  );
  if (characters > settings.maxCharactersPerArticle) {
    throw new OverBudgetError(characters, settings.maxCharactersPerArticle, languages.length);
  }
}
