import type { ArticleCardView } from '@broadsheet/contracts';
import type { AuthorProfile } from '../repositories/author.repository';
import type { IndexedArticle } from '../services/related.index';

/** An indexed article as a card, with its author if the replica knows them. */
export function toArticleCard(article: IndexedArticle, reason: string, author: AuthorProfile | undefined): ArticleCardView {
  return {
    slug: article.slug,
    title: article.title,
    description: article.description,
    section: article.section,
    tags: [...article.tags],
    publishedAt: new Date(article.publishedAt).toISOString(),
    author: { username: author?.username ?? null, bio: author?.bio ?? null, image: author?.image ?? null },
    reason,
  };
}
