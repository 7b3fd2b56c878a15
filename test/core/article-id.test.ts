import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { articleIdFor } from '../../functions/core/publish/article-id.js';

const hashOf = (relative: string) => createHash('sha256').update(relative).digest('hex').slice(0, 32);

describe('articleIdFor', () => {
  it('uses a clean .txt file name as it is', () => {
    expect(articleIdFor('incoming/wang-yi-moscow-visit.txt')).toBe('wang-yi-moscow-visit');
  });

  it('gives x.txt, x.md and x.html (and the other extensions) ids of their own', () => {
    const keys = ['x.txt', 'x.md', 'x.html', 'x.docx', 'x.text', 'x.markdown', 'x.htm', 'x'].map(
      (name) => `incoming/${name}`,
    );
    const ids = keys.map((key) => articleIdFor(key));

    expect(new Set(ids).size).toBe(keys.length);
    expect(ids.slice(0, 4)).toEqual(['x', 'x-md', 'x-html', 'x-docx']);
  });

  it('slugs other keys and adds 128 bits of the key hash', () => {
    const a = articleIdFor('incoming/World News/Wang Yi visit.txt');
    expect(a).toBe(`world-news-wang-yi-visit-${hashOf('World News/Wang Yi visit.txt')}`);
    expect(articleIdFor('incoming/world-news-wang-yi-visit.txt')).toBe('world-news-wang-yi-visit');
    expect(articleIdFor('incoming/world-news/wang-yi-visit.txt')).toMatch(
      /^world-news-wang-yi-visit-[0-9a-f]{32}$/u,
    );
  });

  it('cannot be made to collide by naming a file after another id', () => {
    const victim = 'incoming/World News/Wang Yi visit.txt';
    const victimId = articleIdFor(victim);
    // The id of the victim as a clean name, and names that end in what the other forms end in.
    const attempts = [
      `${victimId}.txt`,
      `${victimId}.md`,
      'x-md.txt',
      'x-html.txt',
      'x-md.md',
      'md.txt',
      `${hashOf('x')}.txt`,
    ];
    const ids = new Map<string, string>();
    for (const key of [
      victim,
      'incoming/x.md',
      'incoming/x.html',
      ...attempts.map((name) => `incoming/${name}`),
    ]) {
      const id = articleIdFor(key);
      expect(ids.get(id), `${key} and ${ids.get(id)} share ${id}`).toBeUndefined();
      ids.set(id, key);
    }
  });

  it('is stable for the same key and lower-case ASCII for any key', () => {
    for (const key of ['incoming/Zürich café+news%20.md', 'incoming/北京.html', 'incoming/a b/c+d/e.txt']) {
      const id = articleIdFor(key);
      expect(id).toBe(articleIdFor(key));
      expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u);
    }
    expect(articleIdFor('incoming/北京.html')).toMatch(/^article-[0-9a-f]{32}$/u);
  });
});
