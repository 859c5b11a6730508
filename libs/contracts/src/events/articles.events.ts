export const ARTICLE_PUBLISHED_V1 = 'articles.article.published.v1' as const;
export const ARTICLE_UPDATED_V1 = 'articles.article.updated.v1' as const;
export const ARTICLE_UNPUBLISHED_V1 = 'articles.article.unpublished.v1' as const;
export const ARTICLE_DELETED_V1 = 'articles.article.deleted.v1' as const;
export const ARTICLE_FAVORITED_V1 = 'articles.article.favorited.v1' as const;
export const ARTICLE_UNFAVORITED_V1 = 'articles.article.unfavorited.v1' as const;

export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'archived';
export type DigitalSourceType =
  | 'humanEdits'
  | 'trainedAlgorithmicMedia'
  | 'compositeWithTrainedAlgorithmicMedia';

/** What a subscriber needs to index or display a published article. */
export interface ArticleContentV1 {
  articleId: string;
  slug: string;
  title: string;
  description: string;
  body: string;
  tags: string[];
  section: string | null;
  authorId: string;
  digitalSourceType: DigitalSourceType;
  publishedAt: string;
  updatedAt: string;
}

export type ArticlePublishedV1 = ArticleContentV1;

/** An edit to a published article (content, slug or tags). */
export interface ArticleUpdatedV1 extends ArticleContentV1 {
  previousSlug: string | null;
}

/** A published article left public view: archived, or moved back to draft or scheduled. */
export interface ArticleUnpublishedV1 {
  articleId: string;
  slug: string;
  status: ArticleStatus;
  unpublishedAt: string;
}

export interface ArticleDeletedV1 {
  articleId: string;
  slug: string;
  deletedAt: string;
}

export interface ArticleFavoritedV1 {
  articleId: string;
  slug: string;
  userId: string;
  favoritesCount: number;
  favoritedAt: string;
}

export interface ArticleUnfavoritedV1 {
  articleId: string;
  slug: string;
  userId: string;
  favoritesCount: number;
  unfavoritedAt: string;
}
