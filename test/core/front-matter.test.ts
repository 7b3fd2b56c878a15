import { describe, expect, it } from 'vitest';
import { ArticleError } from '../../functions/core/errors.js';
import { MAX_FRONT_MATTER_CHARS, readFrontMatter } from '../../functions/core/read/formats/front-matter.js';
import { parseArticle } from '../../functions/core/read/parse-article.js';

function refusal(source: string): ArticleError {
  try {
    readFrontMatter(source);
  } catch (error) {
    if (error instanceof ArticleError) return error;
    throw error;
  }
  throw new Error('the front matter was not refused');
}

describe('Markdown front matter', () => {
  it('reads title, authors, dates, section, tags, image and canonical address, and leaves the body after it', () => {
    const source = [
      '---',
      'Title: Ferry adds sailings',
      'author: [Priya Nair, {name: Daniel Okafor, url: "https://news.example/do"}]',
      'date: 2024-04-12',
      'updated: 2024-04-13T09:30:00+01:00',
      'category: Transport',
      'tags: ferries, islands; tourism',
      'image: https://cdn.news.example/ferry.jpg',
      'canonical: https://news.example/ferry',
      'ignored: [1, 2]',
      '---',
      '',
      'The ferry runs twice more.',
    ].join('\n');

    const matter = readFrontMatter(source);

    expect(matter.title).toBe('Ferry adds sailings');
    expect(matter.metadata).toEqual({
      authors: [{ name: 'Priya Nair' }, { name: 'Daniel Okafor', url: 'https://news.example/do' }],
      datePublished: '2024-04-12',
      dateModified: '2024-04-13T09:30:00+01:00',
      section: 'Transport',
      keywords: ['ferries', 'islands', 'tourism'],
      canonicalUrl: 'https://news.example/ferry',
      images: [{ url: 'https://cdn.news.example/ferry.jpg' }],
    });
    expect(matter.body).toBe('\nThe ferry runs twice more.');
    expect(source.slice(matter.length)).toBe(matter.body);
  });

  it('gives the article its headline and metadata, and counts relative dates from the declared date', () => {
    const document = parseArticle(
      '---\ntitle: Council meets\ndate: 2024-03-08\n---\n\nThe council met on Friday and approved the harbour budget after a long debate.\n',
      'markdown',
    );
    expect(document.headline?.text).toBe('Council meets');
    expect(document.metadata?.datePublished).toBe('2024-03-08');
  });

  it('keeps a file that opens with a thematic break and never closes it as Markdown without front matter', () => {
    const matter = readFrontMatter('---\n\nJust a rule, then text.\n');
    expect(matter).toMatchObject({ length: 0, metadata: {} });
  });

  it('refuses broken YAML naming its line, aliases that expand, and front matter over 64 KiB', () => {
    const broken = refusal('---\ntitle: Ferry\nauthor: [Priya\n---\nText.\n');
    expect(broken.code).toBe('invalid-front-matter');
    expect(broken.message).toMatch(/line [34] of the file/u);

    const laughs = [
      '---',
      'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      ...Array.from({ length: 8 }, (_, i) => {
        const prev = String.fromCharCode(97 + i);
        const next = String.fromCharCode(98 + i);
        return `${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`;
      }),
      '---',
      'Text.',
    ].join('\n');
    expect(refusal(laughs).code).toBe('invalid-front-matter');

    const huge = `---\ntitle: Ferry\nnotes: "${'x'.repeat(MAX_FRONT_MATTER_CHARS)}"\n---\nText.\n`;
    expect(refusal(huge).message).toContain('64 KiB');
    expect(refusal('---\n- a list\n- not keys\n---\nText.\n').message).toContain('"key: value"');
  });
});
