import { fakeTranslateLine, type TranslateTextBody } from '../support/translate-protocol-server.js';

/**
 * A stand-in translation into the target language's own script, for the loopback Translate server: Latin letters
 * are transliterated letter by letter (Arabic, Hebrew, Cyrillic) or mapped to CJK characters, so pages in those
 * languages carry real right-to-left, Cyrillic or CJK text. Digits stay; punctuation takes the script's forms.
 */
const alphabets: Readonly<Record<string, string>> = {
  // a b c d e f g h i j k l m n o p q r s t u v w x y z
  arabic: 'ابكديفجهيجكلمنوبقرستوفوكيز',
  hebrew: 'אבקדהפגהיגכלמנופקרסתווויקז',
  cyrillic: 'абкдефгхийклмнопкрстуввксз',
};
const cjk =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应';

const scriptOf: Readonly<Record<string, string>> = {
  ar: 'arabic',
  fa: 'arabic',
  ur: 'arabic',
  he: 'hebrew',
  ru: 'cyrillic',
  uk: 'cyrillic',
  zh: 'cjk',
  'zh-TW': 'cjk',
  ja: 'cjk',
};

const punctuation: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  arabic: { ',': '،', '?': '؟', ';': '؛' },
  cjk: { ',': '，', '.': '。', '?': '？', '!': '！', ':': '：', ';': '；', ' ': '' },
};

function transliterate(line: string, script: string): string {
  const marks = punctuation[script] ?? {};
  let out = '';
  for (const char of line) {
    const lower = char.toLowerCase();
    const index = lower.charCodeAt(0) - 97;
    if (index >= 0 && index < 26 && lower.length === 1) {
      if (script === 'cjk') out += cjk[(index * 7 + char.charCodeAt(0)) % cjk.length];
      else {
        const letter = alphabets[script]?.[index] ?? char;
        out += char === lower ? letter : letter.toUpperCase();
      }
    } else out += marks[char] ?? char;
  }
  return out;
}

/**
 * Transliterates the text of a line as Amazon Translate treats HTML in it: tags are kept as they are, and so is
 * the content of `translate="no"` elements.
 */
function transliterateHtml(line: string, script: string): string {
  let kept = 0;
  return line
    .split(/(<[^<>]*>)/u)
    .map((part) => {
      if (!part.startsWith('<')) return kept > 0 ? part : transliterate(part, script);
      if (/^<\//u.test(part)) kept = Math.max(0, kept - 1);
      else if (/translate=("?)no\1/u.test(part) || kept > 0) kept += /\/>$|^<br/u.test(part) ? 0 : 1;
      return part;
    })
    .join('');
}

/** `translateLine` for `startTranslateProtocolServer`: the target's script where it has one, else `[xx] line`. */
export function fakeScriptLine(line: string, request: TranslateTextBody): string {
  const script = scriptOf[request.TargetLanguageCode];
  return script ? transliterateHtml(line, script) : fakeTranslateLine(line, request);
}
