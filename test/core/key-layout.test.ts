import { describe, expect, it } from 'vitest';
import { htmlKeys, isArticleKey, languageFiles, setKeys } from '../../functions/core/key-layout.js';
import { defaultPrefixes } from '../../functions/core/settings.js';

describe('setKeys', () => {
  it('puts a set under published/<id>/ and its failed record at failed/<id>.json', () => {
    const keys = setKeys(defaultPrefixes, 'budget-vote');
    expect(keys.folder).toBe('published/budget-vote/');
    expect(keys.manifest).toBe('published/budget-vote/manifest.json');
    expect(keys.index).toBe('published/budget-vote/index.html');
    expect(keys.json('es')).toBe('published/budget-vote/es.json');
    expect(keys.html('zh-TW')).toBe('published/budget-vote/zh-TW.html');
    expect(keys.failed).toBe('failed/budget-vote.json');
  });

  it('follows configured prefixes', () => {
    const keys = setKeys({ publishedPrefix: 'out/sets/', failedPrefix: 'out/refused/' }, 'a');
    expect([keys.manifest, keys.html('ca'), keys.failed]).toEqual([
      'out/sets/a/manifest.json',
      'out/sets/a/ca.html',
      'out/refused/a.json',
    ]);
  });

  it('names the files of a language inside the folder as the set keys them', () => {
    const keys = setKeys(defaultPrefixes, 'x');
    const files = languageFiles('ar');
    expect(files).toEqual({ language: 'ar', json: 'ar.json', html: 'ar.html' });
    expect(keys.json('ar')).toBe(`${keys.folder}${files.json}`);
    expect(keys.html('ar')).toBe(`${keys.folder}${files.html}`);
  });

  it('gives the page of each language, by language', () => {
    expect(htmlKeys(setKeys(defaultPrefixes, 'x'), ['en', 'es'])).toEqual({
      en: 'published/x/en.html',
      es: 'published/x/es.html',
    });
  });
});

describe('isArticleKey', () => {
  it('takes objects under the incoming prefix, not folder markers or other prefixes', () => {
    expect(isArticleKey('incoming/a.txt', 'incoming/')).toBe(true);
    expect(isArticleKey('incoming/world/a.md', 'incoming/')).toBe(true);
    expect(isArticleKey('incoming/world/', 'incoming/')).toBe(false);
    expect(isArticleKey('published/a/es.json', 'incoming/')).toBe(false);
    expect(isArticleKey('incomingx/a.txt', 'incoming/')).toBe(false);
  });
});
