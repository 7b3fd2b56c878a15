import { describe, expect, it } from 'vitest';
import { storesByBucket } from '../../functions/adapters/bucket-stores.js';
import { S3ArticleStore } from '../../functions/adapters/s3-article-store.js';

describe('storesByBucket', () => {
  it('builds one S3 store per bucket, on first use, over the one client', () => {
    const client = { send: async () => ({}) };
    const storeFor = storesByBucket(client as never);

    const first = storeFor('newsroom-a');

    expect(first).toBeInstanceOf(S3ArticleStore);
    expect(storeFor('newsroom-a')).toBe(first);
    expect(storeFor('newsroom-b')).not.toBe(first);
  });
});
