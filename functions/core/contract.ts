/**
 * The publication contract: the shapes of `published/<articleId>/<lang>.json`, `manifest.json` and
 * `failed/<articleId>.json`. Downstream systems import these types; the JSON Schemas in `schemas/` describe the
 * same shapes.
 */
import type { BlockKind, SourceFormat } from './document.js';
import type { DateFact, Figure, Organisation, Person, Place, Quote } from './facts/types.js';

export const SCHEMA_VERSION = '1.0.0';

export type TextDirection = 'ltr' | 'rtl';

export interface TextSpanJson {
  readonly id: string;
  readonly text: string;
  /** Offsets into the source article's text (the source language's, in every language version). */
  readonly start: number;
  readonly end: number;
}

export interface DatelineJson {
  readonly date: string | null;
  readonly place: string | null;
  readonly start: number;
  readonly end: number;
}

export interface SummarySentenceJson {
  readonly sentenceId: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface PersonJson extends Person {
  /** The name as the source article gives it (differs from `name` where the name was translated). */
  readonly sourceName: string;
}

export interface OrganisationJson extends Organisation {
  readonly sourceName: string;
}

export interface PlaceJson extends Place {
  readonly sourceName: string;
}

export interface FactsJson {
  readonly people: readonly PersonJson[];
  readonly organisations: readonly OrganisationJson[];
  readonly places: readonly PlaceJson[];
  readonly dates: readonly DateFact[];
  readonly quotes: readonly Quote[];
  readonly figures: readonly Figure[];
}

export interface ParagraphJson {
  readonly id: string;
  readonly kind: BlockKind;
  readonly sentences: readonly TextSpanJson[];
}

export interface LanguageLinkJson {
  readonly language: string;
  readonly json: string;
  readonly html: string;
}

/** `published/<articleId>/<lang>.json` */
export interface ArticleJson {
  readonly schemaVersion: string;
  readonly articleId: string;
  readonly language: string;
  readonly sourceLanguage: string;
  readonly direction: TextDirection;
  /** `null` for the source language; otherwise the engine that translated this version. */
  readonly translation: { readonly engine: string; readonly scope: TranslationScope } | null;
  readonly source: { readonly key: string; readonly format: SourceFormat };
  readonly headline: TextSpanJson;
  readonly caption: TextSpanJson | null;
  readonly dateline: DatelineJson | null;
  readonly summary: readonly SummarySentenceJson[];
  readonly facts: FactsJson;
  /** Paragraphs of sentences; empty in `brief` translations, which carry headline, summary and facts only. */
  readonly body: readonly ParagraphJson[];
  /** Every language version of this article, this one included, as keys relative to the article's folder. */
  readonly languages: readonly LanguageLinkJson[];
}

export type TranslationScope = 'full' | 'brief';

export interface ArtefactJson {
  readonly key: string;
  readonly language: string | null;
  readonly contentType: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly versionId?: string;
}

export interface LanguageErrorJson {
  readonly language: string;
  readonly message: string;
  readonly retryable: boolean;
}

export interface TranslationAccountingJson {
  readonly engine: string;
  readonly charactersSent: number;
  readonly charactersFromMemory: number;
  readonly requests: number;
  readonly retries: number;
  readonly estimatedCostUsd: number;
}

export interface SourceJson {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string | null;
  readonly etag: string | null;
  readonly sha256: string;
  readonly bytes: number;
  readonly format: SourceFormat;
  readonly encoding: string;
}

/** `published/<articleId>/manifest.json`: written last; the set is published once it exists. */
export interface ManifestJson {
  readonly schemaVersion: string;
  readonly articleId: string;
  readonly status: 'complete' | 'partial';
  readonly publishedAt: string;
  readonly pipelineVersion: string;
  /** Identifies the settings that produced the set; a redelivery with the same source and settings is a no-op. */
  readonly settingsFingerprint: string;
  readonly source: SourceJson;
  readonly sourceLanguage: string;
  readonly languages: readonly string[];
  readonly artefacts: readonly ArtefactJson[];
  readonly errors: readonly LanguageErrorJson[];
  readonly timings: {
    readonly totalMs: number;
    readonly stagesMs: Readonly<Record<string, number>>;
    readonly languagesMs: Readonly<Record<string, number>>;
  };
  readonly translation: {
    readonly scope: TranslationScope;
    readonly pricePerMillionCharactersUsd: number;
    readonly languages: Readonly<Record<string, TranslationAccountingJson>>;
  };
}

/** `failed/<articleId>.json`: the article could not be published; the upload itself is left untouched. */
export interface FailedRecordJson {
  readonly schemaVersion: string;
  readonly articleId: string;
  readonly status: 'failed';
  readonly failedAt: string;
  readonly pipelineVersion: string;
  readonly input: string;
  readonly source: {
    readonly bucket: string;
    readonly key: string;
    readonly versionId: string | null;
    readonly etag: string | null;
    readonly sha256: string | null;
    readonly bytes: number | null;
  };
  readonly error: { readonly code: string; readonly message: string; readonly hint: string };
}
