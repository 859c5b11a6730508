import type { DigitalSourceType } from '@broadsheet/contracts';
import type { ArticleRecord } from './article.views';

/** IPTC NewsCodes vocabulary for `digitalSourceType`. */
export const IPTC_DIGITAL_SOURCE_TYPE = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

export const iptcUri = (type: DigitalSourceType): string => `${IPTC_DIGITAL_SOURCE_TYPE}${type}`;

/** schema.org `NewsArticle` for the article, as search engines and archives read it. */
export function toNewsArticleJsonLd(row: ArticleRecord): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    identifier: row.slug,
    headline: row.title,
    description: row.description,
    datePublished: row.publishedAt?.toISOString() ?? null,
    dateCreated: row.createdAt.toISOString(),
    dateModified: row.updatedAt.toISOString(),
    author: [{ '@type': 'Person', name: row.authorUsername }],
    dateline: row.dateline,
    articleSection: row.section,
    keywords: row.tagList,
    timeRequired: `PT${row.readingTimeMinutes}M`,
    creativeWorkStatus: row.status,
    digitalSourceType: iptcUri(row.digitalSourceType),
    isBasedOn: row.sources.map((source) => ({
      '@type': 'NewsArticle',
      headline: source.title,
      url: source.url,
      publisher: { '@type': 'Organization', name: source.publisher },
    })),
    backstory: row.disclosure,
    correction: row.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.text, datePublished: c.createdAt })),
  };
}
