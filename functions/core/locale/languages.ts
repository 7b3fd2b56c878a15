import type { TextDirection } from '../contract.js';
import { languageNames } from './intl-formats.js';

const rightToLeft = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/**
 * Amazon Translate codes whose plain BCP 47 reading is not what Translate writes: its `pt` is Brazilian Portuguese
 * (`pt-PT` is the European one) and its `zh` Simplified Chinese (`zh-TW` the Traditional).
 */
const tags: Readonly<Record<string, string>> = { pt: 'pt-BR', zh: 'zh-Hans' };

/**
 * The BCP 47 tag pages give a language in `lang` and `hreflang`, for browsers (fonts, hyphenation, speech) and
 * search engines; keys and JSON keep the translator's codes.
 */
export function languageTag(language: string): string {
  return tags[language] ?? language;
}

export function directionOf(language: string): TextDirection {
  return rightToLeft.has(language.split('-')[0]?.toLowerCase() ?? '') ? 'rtl' : 'ltr';
}

/** The language's own name for itself (`español`, `العربية`), for language switchers. */
export function endonym(language: string): string {
  try {
    const name = languageNames(language).of(language);
    return name ? name.charAt(0).toLocaleUpperCase(language) + name.slice(1) : language;
  } catch {
    return language;
  }
}

/** The name of `language` in `inLanguage` (`inglés` for `en` in `es`), for sentences of that language. */
export function languageName(language: string, inLanguage: string): string {
  try {
    return languageNames(inLanguage).of(language) ?? language;
  } catch {
    return language;
  }
}

/** Languages written without spaces between sentences. */
const unspaced = new Set(['zh', 'ja']);

/** What goes between two sentences of a paragraph: nothing in Chinese and Japanese, a space elsewhere. */
export function sentenceSeparator(language: string): string {
  return unspaced.has(language.split('-')[0]?.toLowerCase() ?? '') ? '' : ' ';
}
