import { existsSync, readFileSync } from 'node:fs';
import type { Span } from '../../functions/core/document.js';

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

export function conllPath(): URL {
  return new URL('conll2003/valid.txt', evalDirectory);
}

export function hasConll(): boolean {
  return existsSync(conllPath());
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

/** Documents the tagger's weights are fitted on (1–108) and the ones figures are reported on (109–216). */
export const fitDocuments = (number: number): boolean => number <= 108;
export const reportDocuments = (number: number): boolean => number > 108;
