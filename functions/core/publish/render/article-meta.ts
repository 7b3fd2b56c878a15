import type { ArticleJson, MetadataJson } from '../../contract.js';
import { escapeHtml as e } from './escape.js';

/** The words a page needs for what the source declares about the article, in the page's own language. */
export interface MetaLabels {
  /** "By Jane Doe and John Roe": `names` is already HTML. */
  readonly by: (names: string) => string;
  readonly updated: string;
  readonly picture: string;
  readonly tags: string;
}

const en: MetaLabels = { by: (names) => `By ${names}`, updated: 'Updated', picture: 'Picture', tags: 'Tags' };

const table: Readonly<Record<string, MetaLabels>> = {
  en,
  es: { by: (n) => `Por ${n}`, updated: 'Actualizado', picture: 'Imagen', tags: 'Etiquetas' },
  ca: { by: (n) => `Per ${n}`, updated: 'Actualitzat', picture: 'Imatge', tags: 'Etiquetes' },
  gl: { by: (n) => `Por ${n}`, updated: 'Actualizado', picture: 'Imaxe', tags: 'Etiquetas' },
  eo: { by: (n) => `De ${n}`, updated: 'Ĝisdatigita', picture: 'Bildo', tags: 'Etikedoj' },
  fr: { by: (n) => `Par ${n}`, updated: 'Mis à jour', picture: 'Image', tags: 'Mots-clés' },
  de: { by: (n) => `Von ${n}`, updated: 'Aktualisiert', picture: 'Bild', tags: 'Schlagwörter' },
  ru: { by: (n) => `Автор: ${n}`, updated: 'Обновлено', picture: 'Изображение', tags: 'Теги' },
  zh: { by: (n) => `作者：${n}`, updated: '更新', picture: '图片', tags: '标签' },
  'zh-TW': { by: (n) => `作者：${n}`, updated: '更新', picture: '圖片', tags: '標籤' },
  it: { by: (n) => `Di ${n}`, updated: 'Aggiornato', picture: 'Immagine', tags: 'Tag' },
  pt: { by: (n) => `Por ${n}`, updated: 'Atualizado', picture: 'Imagem', tags: 'Etiquetas' },
  nl: { by: (n) => `Door ${n}`, updated: 'Bijgewerkt', picture: 'Afbeelding', tags: 'Trefwoorden' },
  pl: { by: (n) => `Autor: ${n}`, updated: 'Zaktualizowano', picture: 'Zdjęcie', tags: 'Tagi' },
  uk: { by: (n) => `Автор: ${n}`, updated: 'Оновлено', picture: 'Зображення', tags: 'Теги' },
  tr: { by: (n) => `Yazan: ${n}`, updated: 'Güncellendi', picture: 'Görsel', tags: 'Etiketler' },
  ja: { by: (n) => `著者：${n}`, updated: '更新', picture: '画像', tags: 'タグ' },
  ko: { by: (n) => `글: ${n}`, updated: '수정', picture: '이미지', tags: '태그' },
  hi: { by: (n) => `लेखक: ${n}`, updated: 'अद्यतन', picture: 'चित्र', tags: 'टैग' },
  he: { by: (n) => `מאת ${n}`, updated: 'עודכן', picture: 'תמונה', tags: 'תגיות' },
  fa: { by: (n) => `نویسنده: ${n}`, updated: 'به‌روزرسانی', picture: 'تصویر', tags: 'برچسب‌ها' },
  ur: { by: (n) => `مصنف: ${n}`, updated: 'تازہ کاری', picture: 'تصویر', tags: 'ٹیگز' },
  ar: { by: (n) => `بقلم ${n}`, updated: 'حُدّث', picture: 'صورة', tags: 'وسوم' },
};

/** The labels of `language` (`zh-TW`), else of its base language (`zh`), else English. */
export function metaLabelsFor(language: string): MetaLabels {
  return table[language] ?? table[language.split('-')[0]?.toLowerCase() ?? ''] ?? en;
}

/** Names listed the way the language lists them ("A, B and C", "A、B和C"), each isolated in `<bdi>`. */
export function nameList(names: readonly string[], language: string): string {
  let format: Intl.ListFormat;
  try {
    format = new Intl.ListFormat(language, { type: 'conjunction' });
  } catch {
    format = new Intl.ListFormat('en', { type: 'conjunction' });
  }
  return format
    .formatToParts(names)
    .map((part) => (part.type === 'element' ? `<bdi>${e(part.value)}</bdi>` : e(part.value)))
    .join('');
}

/** The byline of the page's header, when the source names its authors. */
export function bylineHtml(metadata: MetadataJson | undefined, language: string): string | undefined {
  const names = (metadata?.authors ?? []).map((author) => author.name);
  if (names.length === 0) return undefined;
  return metaLabelsFor(language).by(nameList(names, language));
}

/** The published date: the dateline's when the article gives one, else the one its source declares. */
export function publishedDate(article: ArticleJson): string | undefined {
  return article.dateline?.date ?? article.metadata?.datePublished;
}

/**
 * schema.org `NewsArticle` properties from the source's metadata: authors, dates, pictures (with caption and
 * credit), section, keywords, and the article this page is based on (the source's canonical address).
 */
export function structuredMetadata(article: ArticleJson): Record<string, unknown> {
  const metadata = article.metadata ?? {};
  const datePublished = publishedDate(article);
  const images = (metadata.images ?? []).map((image) => ({
    '@type': 'ImageObject',
    url: image.url,
    ...(image.caption ? { caption: image.caption } : {}),
    ...(image.credit ? { creditText: image.credit } : {}),
    ...(image.alt ? { description: image.alt } : {}),
  }));
  return {
    ...(metadata.authors && metadata.authors.length > 0
      ? {
          author: metadata.authors.map((author) => ({
            '@type': 'Person',
            name: author.name,
            ...(author.url ? { url: author.url } : {}),
          })),
        }
      : {}),
    ...(datePublished ? { datePublished } : {}),
    ...(metadata.dateModified ? { dateModified: metadata.dateModified } : {}),
    ...(images.length > 0 ? { image: images } : {}),
    ...(metadata.section ? { articleSection: metadata.section } : {}),
    ...(metadata.keywords && metadata.keywords.length > 0 ? { keywords: metadata.keywords.join(', ') } : {}),
    ...(metadata.canonicalUrl ? { isBasedOn: metadata.canonicalUrl } : {}),
  };
}
