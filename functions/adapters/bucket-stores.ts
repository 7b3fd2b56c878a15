import type { ArticleStore } from '../core/ports.js';
import { S3ArticleStore, type S3ArticleStoreOptions } from './s3-article-store.js';

/**
 * The article store of each bucket, built on first use and kept: the function learns its buckets from the events,
 * and every store of one client shares its connections.
 */
export function storesByBucket(client: S3ArticleStoreOptions['client']): (bucket: string) => ArticleStore {
  const stores = new Map<string, ArticleStore>();
  return (bucket) => {
    let store = stores.get(bucket);
    if (!store) {
      store = new S3ArticleStore({ client, bucket });
      stores.set(bucket, store);
    }
    return store;
  };
}
