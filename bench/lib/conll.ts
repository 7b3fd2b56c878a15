import { existsSync, readFileSync } from 'node:fs';
import type { SourceDocument, Span } from '../../functions/core/document.js';

/** Where the shared evaluation data lives, relative to the repository root; absent on most machines. */
export const evalDirectory = new URL('../../../shared/eval/', import.meta.url);

export interface GoldEntity extends Span {
  readonly type: string;
}

/** A CoNLL-2003 document as text: tokens joined by spaces, one sentence per line. */
export interface ConllDocument {
  /** 1-based position of the document in the file. */
  readonly number: number;
  readonly text: string;
  readonly sentences: readonly Span[];
  readonly entities: readonly GoldEntity[];
}

/** `train`: the training split (eng.train), the only data the tagger is fitted on; `valid`: eng.testa. */
export type ConllSplit = 'train' | 'valid';

export function conllPath(split: ConllSplit = 'valid'): URL {
  return new URL(`conll2003/${split}.txt`, evalDirectory);
}

export function hasConll(split: ConllSplit = 'valid'): boolean {
  return existsSync(conllPath(split));
}

/** Reads the IOB2 file into documents with character spans for sentences and gold entities. */
export function readConll(path: URL = conllPath()): ConllDocument[] {
  const documents: ConllDocument[] = [];
  let lines: string[][][] = [];
  let sentence: string[][] = [];
  const flushSentence = (): void => {
    if (sentence.length > 0) lines.push(sentence);
    sentence = [];
  };
  const flushDocument = (): void => {
    flushSentence();
    if (lines.length === 0) return;
    let text = '';
    const sentences: Span[] = [];
    const entities: GoldEntity[] = [];
    for (const rows of lines) {
      if (text) text += '\n';
      const sentenceStart = text.length;
      let open: { type: string; start: number; end: number } | undefined;
      rows.forEach(([token = '', tag = 'O'], index) => {
        if (index > 0) text += ' ';
        const start = text.length;
        text += token;
        const end = text.length;
        if (tag.startsWith('B-') || (tag.startsWith('I-') && open?.type !== tag.slice(2))) {
          if (open) entities.push(open);
          open = { type: tag.slice(2), start, end };
        } else if (tag.startsWith('I-') && open) {
          open.end = end;
        } else {
          if (open) entities.push(open);
          open = undefined;
        }
      });
      if (open) entities.push(open);
      sentences.push({ start: sentenceStart, end: text.length });
    }
    documents.push({ number: documents.length + 1, text, sentences, entities });
    lines = [];
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      flushDocument();
      continue;
    }
    if (line.trim() === '') {
      flushSentence();
      continue;
    }
    const parts = line.split(' ');
    sentence.push([parts[0] ?? '', parts.at(-1) ?? 'O']);
  }
  flushDocument();
  return documents;
}

/** A CoNLL document as the extractor reads an article: one paragraph per sentence, no headline. */
export function conllSourceDocument(document: ConllDocument): SourceDocument {
  return {
    format: 'text',
    text: document.text,
    paragraphs: document.sentences.map((span, index) => ({
      id: `p${index + 1}`,
      kind: 'paragraph' as const,
      start: span.start,
      end: span.end,
      sentences: [
        {
          id: `p${index + 1}s1`,
          start: span.start,
          end: span.end,
          text: document.text.slice(span.start, span.end),
        },
      ],
    })),
  };
}
