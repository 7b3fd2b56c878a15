/** Page furniture in the page's own language; English where a language has no entry. */
export interface Labels {
  readonly summary: string;
  readonly facts: string;
  readonly people: string;
  readonly organisations: string;
  readonly places: string;
  readonly dates: string;
  readonly quotes: string;
  readonly figures: string;
  readonly article: string;
  readonly languages: string;
  readonly machineTranslated: (engine: string, from: string) => string;
  readonly original: string;
}

const en: Labels = {
  summary: 'Summary',
  facts: 'Key facts',
  people: 'People',
  organisations: 'Organisations',
  places: 'Places',
  dates: 'Dates',
  quotes: 'Quotes',
  figures: 'Figures',
  article: 'Article',
  languages: 'Languages',
  machineTranslated: (engine, from) => `Machine translation (${engine}) from ${from}.`,
  original: 'Original article.',
};

const table: Readonly<Record<string, Labels>> = {
  en,
  es: {
    summary: 'Resumen',
    facts: 'Datos clave',
    people: 'Personas',
    organisations: 'Organizaciones',
    places: 'Lugares',
    dates: 'Fechas',
    quotes: 'Citas',
    figures: 'Cifras',
    article: 'Artículo',
    languages: 'Idiomas',
    machineTranslated: (engine, from) => `Traducción automática (${engine}) del original en ${from}.`,
    original: 'Artículo original.',
  },
  ca: {
    summary: 'Resum',
    facts: 'Dades clau',
    people: 'Persones',
    organisations: 'Organitzacions',
    places: 'Llocs',
    dates: 'Dates',
    quotes: 'Cites',
    figures: 'Xifres',
    article: 'Article',
    languages: 'Idiomes',
    machineTranslated: (engine, from) => `Traducció automàtica (${engine}) de l’original en ${from}.`,
    original: 'Article original.',
  },
  gl: {
    summary: 'Resumo',
    facts: 'Datos clave',
    people: 'Persoas',
    organisations: 'Organizacións',
    places: 'Lugares',
    dates: 'Datas',
    quotes: 'Citas',
    figures: 'Cifras',
    article: 'Artigo',
    languages: 'Idiomas',
    machineTranslated: (engine, from) => `Tradución automática (${engine}) do orixinal en ${from}.`,
    original: 'Artigo orixinal.',
  },
  eo: {
    summary: 'Resumo',
    facts: 'Ĉefaj faktoj',
    people: 'Homoj',
    organisations: 'Organizaĵoj',
    places: 'Lokoj',
    dates: 'Datoj',
    quotes: 'Citaĵoj',
    figures: 'Ciferoj',
    article: 'Artikolo',
    languages: 'Lingvoj',
    machineTranslated: (engine, from) => `Maŝina traduko (${engine}) el la originalo en ${from}.`,
    original: 'Originala artikolo.',
  },
  fr: {
    summary: 'Résumé',
    facts: 'Faits essentiels',
    people: 'Personnes',
    organisations: 'Organisations',
    places: 'Lieux',
    dates: 'Dates',
    quotes: 'Citations',
    figures: 'Chiffres',
    article: 'Article',
    languages: 'Langues',
    machineTranslated: (engine, from) => `Traduction automatique (${engine}) de l’original en ${from}.`,
    original: 'Article original.',
  },
  de: {
    summary: 'Zusammenfassung',
    facts: 'Wichtige Fakten',
    people: 'Personen',
    organisations: 'Organisationen',
    places: 'Orte',
    dates: 'Daten',
    quotes: 'Zitate',
    figures: 'Zahlen',
    article: 'Artikel',
    languages: 'Sprachen',
    machineTranslated: (engine, from) => `Maschinelle Übersetzung (${engine}) aus dem Original (${from}).`,
    original: 'Originalartikel.',
  },
  ru: {
    summary: 'Кратко',
    facts: 'Ключевые факты',
    people: 'Люди',
    organisations: 'Организации',
    places: 'Места',
    dates: 'Даты',
    quotes: 'Цитаты',
    figures: 'Цифры',
    article: 'Статья',
    languages: 'Языки',
    machineTranslated: (engine, from) => `Машинный перевод (${engine}) с оригинала (${from}).`,
    original: 'Оригинал статьи.',
  },
  zh: {
    summary: '摘要',
    facts: '要点',
    people: '人物',
    organisations: '机构',
    places: '地点',
    dates: '日期',
    quotes: '引语',
    figures: '数据',
    article: '正文',
    languages: '语言',
    machineTranslated: (engine, from) => `机器翻译（${engine}），原文为${from}。`,
    original: '原文。',
  },
  ar: {
    summary: 'ملخص',
    facts: 'حقائق رئيسية',
    people: 'أشخاص',
    organisations: 'منظمات',
    places: 'أماكن',
    dates: 'تواريخ',
    quotes: 'اقتباسات',
    figures: 'أرقام',
    article: 'المقال',
    languages: 'اللغات',
    machineTranslated: (engine, from) => `ترجمة آلية (${engine}) من الأصل (${from}).`,
    original: 'المقال الأصلي.',
  },
};

export function labelsFor(language: string): Labels {
  return table[language.split('-')[0]?.toLowerCase() ?? ''] ?? en;
}
