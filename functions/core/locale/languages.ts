import type { TextDirection } from '../contract.js';
import { languageNames } from './intl-formats.js';

const rightToLeft = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

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
