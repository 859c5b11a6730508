import type {
  ArticleContentV1,
  ArticleData,
  ArticleRevisionView,
  ArticleStatus,
  ArticleSummaryData,
  ProvenanceView,
} from '@broadsheet/contracts';
import type { ArticleRevisionEntity } from '../database/entities/article-revision.entity';
import type { ArticleEntity } from '../database/entities/article.entity';

/** An article row as reads return it: with its author's username and the viewer's favorite. */
export interface ArticleRecord extends ArticleEntity {
  authorUsername: string;
  favorited: boolean;
}

/** The editable state of an article, kept as a revision when an update replaces it. */
export type ArticleSnapshot = Omit<ArticleRevisionView, 'revision' | 'savedAt' | 'replacedAt' | 'replacedBy'> & {
  updatedAt: string;
};

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toProvenance(row: ArticleEntity): ProvenanceView {
  return {
    digitalSourceType: row.digitalSourceType,
    generator: row.generator,
    reviewed: row.reviewedBy !== null,
    reviewedBy: row.reviewedBy,
    reviewedAt: iso(row.reviewedAt),
  };
}

export function toArticleSummary(row: ArticleRecord): ArticleSummaryData {
  return {
    slug: row.slug,
    title: row.title,
    description: row.description,
    tagList: row.tagList,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    section: row.section,
    dateline: row.dateline,
    status: row.status,
    publishedAt: iso(row.publishedAt),
    scheduledAt: iso(row.scheduledAt),
    provenance: toProvenance(row),
    disclosure: row.disclosure,
    readingTimeMinutes: row.readingTimeMinutes,
    // Last: what changes without an edit (lists render the rest when the article is written,
    // see the ArticleListing migration), then the author, side by side for the gateway, which
    // puts the RealWorld `author` in their place.
    favorited: row.favorited,
    favoritesCount: row.favoritesCount,
    authorId: row.authorId,
    authorUsername: row.authorUsername,
  };
}

export function toArticleData(row: ArticleRecord): ArticleData {
  return {
    ...toArticleSummary(row),
    body: row.body,
    sources: row.sources,
    corrections: row.corrections,
    outline: row.outline,
  };
}

export function toSnapshot(row: ArticleEntity): ArticleSnapshot {
  return {
    title: row.title,
    description: row.description,
    body: row.body,
    tagList: row.tagList,
    section: row.section,
    dateline: row.dateline,
    status: row.status,
    provenance: toProvenance(row),
    disclosure: row.disclosure,
    sources: row.sources,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toRevisionView(row: ArticleRevisionEntity): ArticleRevisionView {
  const { updatedAt, ...snapshot } = row.snapshot;
  return {
    revision: row.revision,
    ...snapshot,
    savedAt: updatedAt,
    replacedAt: row.replacedAt.toISOString(),
    replacedBy: row.replacedByUsername,
  };
}

/** The payload of `published` and the base of `updated`; only for an article with `publishedAt`. */
export function toArticleContent(row: ArticleEntity): ArticleContentV1 {
  return {
    articleId: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    body: row.body,
    tags: row.tagList,
    section: row.section,
    authorId: row.authorId,
    digitalSourceType: row.digitalSourceType,
    publishedAt: (row.publishedAt ?? row.createdAt).toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
