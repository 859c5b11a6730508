import { randomBytes, randomUUID } from 'node:crypto';
import type { ArticlePublishedV1 } from '@broadsheet/contracts';

/** A published article as the articles service would announce it, with a fresh id and slug. */
export function publishedArticle(overrides: Partial<ArticlePublishedV1> = {}): ArticlePublishedV1 {
  const now = new Date().toISOString();
  return {
    articleId: randomUUID(),
    slug: `story-${randomBytes(5).toString('hex')}`,
    title: 'A story',
    description: 'About things',
    body: 'Text',
    tags: [],
    section: null,
    authorId: randomUUID(),
    digitalSourceType: 'humanEdits',
    publishedAt: now,
    updatedAt: now,
    ...overrides,
  };
}
