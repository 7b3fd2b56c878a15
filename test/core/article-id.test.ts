import { describe, expect, it } from 'vitest';
import { articleIdFor } from '../../functions/core/publish/article-id.js';

describe('articleIdFor', () => {
  it('uses a clean file name as it is', () => {
    expect(articleIdFor('incoming/wang-yi-moscow-visit.txt')).toBe('wang-yi-moscow-visit');
    expect(articleIdFor('incoming/lifeboat-station.docx')).toBe('lifeboat-station');
  });

  it('slugs other keys and adds a short hash so different keys never collide', () => {
    const a = articleIdFor('incoming/World News/Wang Yi visit.txt');
    const b = articleIdFor('incoming/world-news-wang-yi-visit.txt');
    expect(a).toMatch(/^world-news-wang-yi-visit-[0-9a-f]{8}$/u);
    expect(b).toBe('world-news-wang-yi-visit');
    expect(articleIdFor('incoming/world-news/wang-yi-visit.txt')).toMatch(
      /^world-news-wang-yi-visit-[0-9a-f]{8}$/u,
    );
    expect(a).not.toBe(b);
  });

  it('is stable for the same key and lower-case ASCII for any key', () => {
    for (const key of ['incoming/Zürich café+news%20.md', 'incoming/北京.html', 'incoming/a b/c+d/e.txt']) {
      const id = articleIdFor(key);
      expect(id).toBe(articleIdFor(key));
      expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u);
    }
    expect(articleIdFor('incoming/北京.html')).toMatch(/^article-[0-9a-f]{8}$/u);
  });
});
