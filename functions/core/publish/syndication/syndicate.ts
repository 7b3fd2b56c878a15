import type { ArticleJson } from '../../contract.js';
import { feedKey, publicUrl, sitemapKey } from '../../key-layout.js';
import { sentenceSeparator } from '../../locale/languages.js';
import type { ArticleRun } from '../../run.js';
import { updateSharedObject } from '../../shared-object.js';
import { ATOM_TYPE, type FeedEntry, type FeedLinks, readFeed, renderFeed, withEntry } from './atom-feed.js';
import {
  readSitemap,
  renderSitemap,
  SITEMAP_TYPE,
  type SitemapArticle,
  withArticle,
} from './news-sitemap.js';

/** Feeds and sitemaps polybrief wrote stay far below this; a larger object is not read. */
const MAX_SHARED_BYTES = 16 * 1024 * 1024;

/** What a publish tells the feeds and the sitemap. */
export interface Syndicated {
  /** The language versions published (all of the set, or the one an editor corrected). */
  readonly versions: readonly Pick<ArticleJson, 'language' | 'headline' | 'summary'>[];
  /** When the set (or the corrected version) was published. */
  readonly publishedAt: string;
  /** True when `versions` is only part of the set: the sitemap keeps the other languages. */
  readonly partOfSet?: boolean;
}

/** The run that publishes (an article's or an edit's). */
export type SyndicationContext = Pick<ArticleRun, 'settings' | 'deps' | 'log' | 'articleId'>;

/**
 * Puts the article into the Atom feed of each language published and into the news sitemap. Each is read and
 * written back conditionally, so articles published at the same time by other functions are all kept. Without a
 * public base URL there is no sitemap (it takes absolute URLs only): a note says so.
 */
export async function syndicate(context: SyndicationContext, published: Syndicated): Promise<void> {
  const { settings } = context;
  const { store } = context.deps;
  const base = settings.publicBaseUrl;
  const fileUrl = (articleId: string, file: string): string =>
    base ? publicUrl(base, `${settings.publishedPrefix}${articleId}/${file}`) : `../${articleId}/${file}`;
  const feeds = published.versions.map(async (version) => {
    const { language } = version;
    const key = feedKey(settings, language);
    const links: FeedLinks = {
      language,
      self: base ? publicUrl(base, key) : `${language}.xml`,
      page: (articleId) => fileUrl(articleId, `${language}.html`),
    };
    const entry: FeedEntry = {
      articleId: context.articleId,
      title: version.headline.text,
      summary: version.summary.map((item) => item.text).join(sentenceSeparator(language)),
      published: published.publishedAt,
      updated: published.publishedAt,
      authors: [],
    };
    await updateSharedObject(
      store,
      key,
      (current) => {
        const entries = withEntry(current ? readOrStartAfresh(context, key, current, readFeed) : [], entry);
        return (
          entries && { body: renderFeed(links, entries, settings.pipelineVersion), contentType: ATOM_TYPE }
        );
      },
      { maxBytes: MAX_SHARED_BYTES },
    );
  });
  await Promise.all([...feeds, updateSitemap(context, published)]);
}

async function updateSitemap(context: SyndicationContext, published: Syndicated): Promise<void> {
  const { settings } = context;
  const { store, logger } = context.deps;
  const base = settings.publicBaseUrl;
  if (!base) {
    logger.info(
      'sitemap not updated: it takes absolute URLs, and no public base URL is configured',
      context.log,
    );
    return;
  }
  const key = sitemapKey(settings);
  const article: SitemapArticle = {
    articleId: context.articleId,
    titles: Object.fromEntries(
      published.versions.map((version) => [version.language, version.headline.text]),
    ),
    published: published.publishedAt,
    updated: published.publishedAt,
  };
  const place = {
    url: (articleId: string, file: string) =>
      publicUrl(base, `${settings.publishedPrefix}${articleId}/${file}`),
    publication: new URL(base).host,
  };
  const now = new Date(published.publishedAt);
  await updateSharedObject(
    store,
    key,
    (current) => {
      const articles = withArticle(
        current ? readOrStartAfresh(context, key, current, readSitemap) : [],
        article,
        now,
        { keepOtherLanguages: published.partOfSet === true },
      );
      return articles && { body: renderSitemap(place, articles), contentType: SITEMAP_TYPE };
    },
    { maxBytes: MAX_SHARED_BYTES },
  );
}

/** What an existing feed or sitemap holds; one that cannot be read is started afresh (and said so). */
function readOrStartAfresh<T>(
  context: SyndicationContext,
  key: string,
  body: Uint8Array,
  read: (xml: string) => T[],
): T[] {
  try {
    return read(new TextDecoder().decode(body));
  } catch (error) {
    context.deps.logger.warn('feed or sitemap unreadable, started afresh', {
      ...context.log,
      key,
      error: String(error),
    });
    return [];
  }
}
