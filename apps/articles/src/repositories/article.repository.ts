import { Injectable } from '@nestjs/common';
import { perLookup, StatementTexts, TransactionHost, type LookupParameter } from '@broadsheet/database';
import { ArticleEntity } from '../database/entities/article.entity';
import type { ArticlePageData } from '@broadsheet/contracts';
import type { JsonText } from '@broadsheet/messaging';
import type { ArticleRecord } from '../dtos/article.views';

/** A slug and the viewer asking for it (see `ArticleRepository.findBySlug`). */
export interface ArticleLookup {
  slug: string;
  viewerId: string | null;
}

/** Filters of a public list; every one narrows the published articles. */
export interface ArticleFilter {
  tag?: string;
  /** Username of the author (case-insensitive), through the authors replica. */
  author?: string;
  /** Username of a user who favorited the article. */
  favorited?: string;
  section?: string;
  /** Only authors this user follows (the feed). */
  followedBy?: string;
}

const SUMMARY_COLUMNS = `
  a.id, a.slug, a.title, a.description, a.tag_list AS "tagList", a.author_id AS "authorId",
  a.section, a.dateline, a.status, a.published_at AS "publishedAt", a.scheduled_at AS "scheduledAt",
  a.digital_source_type AS "digitalSourceType", a.generator, a.reviewed_by AS "reviewedBy",
  a.reviewed_at AS "reviewedAt", a.disclosure, a.reading_time_minutes AS "readingTimeMinutes",
  a.favorites_count AS "favoritesCount", a.created_at AS "createdAt", a.updated_at AS "updatedAt",
  coalesce(au.username, '') AS "authorUsername"`;
const LONG_COLUMNS = `a.body, a.sources, a.corrections, a.outline`;
/** `$1` is the viewer's id (or null): whether they favorited the row, from the favorites key. */
const VIEWER_FAVORITED = `($1::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM favorites f WHERE f.article_id = a.id AND f.user_id = $1::uuid))`;
const FAVORITED = `${VIEWER_FAVORITED} AS favorited`;
/**
 * A list item as JSON text: the listing the trigger rendered at the last edit (an open object;
 * see the ArticleListing migration), closed with what changes without an edit, in the article
 * view's order.
 */
const LISTED_ITEM = `a.listing
  || ',"favorited":' || ${VIEWER_FAVORITED}::text || ',"favoritesCount":' || a.favorites_count
  || ',"authorId":"' || a.author_id || '","authorUsername":' || to_json(coalesce(au.username, ''))::text || '}'`;

/**
 * A filter as SQL: the rows it reads (`from`, in which `a` is the article, given the page's
 * limit and offset placeholders), the clause that selects its articles, the order of the page,
 * and the expression of how many there are.
 */
interface FilterSql {
  from(limit: string, offset: string): string;
  where: string;
  order: string;
  total: string;
}

/**
 * A list's statement for `filter`, for many lookups at once (`perLookup`): `$1` is the viewer,
 * then the filter's values (text; the SQL casts what is not), and the last two parameters (of
 * `count`) the limit and the offset. Built once per filter clause (which also decides the rest).
 */
const PAGE_STATEMENTS = new StatementTexts();
function pageStatement({ from, where, order, total }: FilterSql, count: number): string {
  return PAGE_STATEMENTS.get(where, () => {
    const filterParameters = Array.from({ length: count - 3 }, (_, i): LookupParameter => [`filter${i + 1}`, 'text']);
    return perLookup(
      `SELECT string_agg(item, ',' ORDER BY published_at DESC, id DESC) AS items, min(total) AS total
         FROM (SELECT ${LISTED_ITEM} AS item, a.published_at, a.id, ${total} AS total
                 FROM ${from(`$${count - 1}`, `$${count}`)} LEFT JOIN authors au ON au.user_id = a.author_id
                WHERE ${where}
                ORDER BY ${order}
                LIMIT $${count - 1} OFFSET $${count}) page`,
      [['viewer', 'uuid'], ...filterParameters, ['lim', 'int'], ['off', 'int']],
    );
  });
}

/** One lookup of a public list (`ArticleRepository.pages`). */
export interface PageLookup {
  filter: ArticleFilter;
  viewerId: string | null;
  limit: number;
  offset: number;
}

const FILTERS: ReadonlyArray<keyof ArticleFilter> = ['tag', 'author', 'favorited', 'section', 'followedBy'];
/** Whether two lists can share one statement: they set the same filters (whatever their values). */
export function sameListStatement(a: PageLookup, b: PageLookup): boolean {
  return FILTERS.every((key) => (a.filter[key] === undefined) === (b.filter[key] === undefined));
}

/** The article a slug (`$2`, current or earlier) leads to, with `favorited` for the viewer (`$1`). */
const BY_SLUG = `SELECT ${SUMMARY_COLUMNS}, ${LONG_COLUMNS}, ${FAVORITED}
  FROM article_slugs s JOIN articles a ON a.id = s.article_id LEFT JOIN authors au ON au.user_id = a.author_id
 WHERE s.slug = $2`;
const MANY_BY_SLUG = perLookup(BY_SLUG, [
  ['viewer', 'uuid'],
  ['slug', 'text'],
]);

/** Articles, their slugs and their public lists. */
@Injectable()
export class ArticleRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * The article a slug (current or earlier) leads to, with `favorited` for the viewer. `lock`
   * takes the row lock for the rest of the transaction (updates, deletes).
   */
  async findBySlug(slug: string, viewerId: string | null, options: { lock?: boolean } = {}): Promise<ArticleRecord | null> {
    const { rows } = await this.tx.query<ArticleRecord>(options.lock ? `${BY_SLUG} FOR UPDATE OF a` : BY_SLUG, [viewerId, slug]);
    return rows[0] ?? null;
  }

  /**
   * `findBySlug` for several lookups in one statement: the record each leads to, in order (null
   * where a slug leads nowhere). `ArticleReads` sends the reads that arrive together this way.
   */
  async findManyBySlug(lookups: ArticleLookup[]): Promise<Array<ArticleRecord | null>> {
    const rows = await this.tx.rows<ArticleRecord & { lookup: string }>(MANY_BY_SLUG, [lookups.map((l) => l.viewerId), lookups.map((l) => l.slug)]);
    const records: Array<ArticleRecord | null> = lookups.map(() => null);
    for (const { lookup, ...record } of rows) records[Number(lookup) - 1] = record;
    return records;
  }

  /**
   * One page of published articles matching `filter`, newest first, as the JSON text of the
   * article page (`{"articles":[…],"articlesCount":n}`), and how many match in all: one statement
   * (the count is an uncorrelated subquery, run once), which joins the rendered listings, so a list
   * costs one round trip and no row is parsed. Only a page past the end, which has no row to carry
   * the count, asks for it on its own.
   */
  async page(filter: ArticleFilter, viewerId: string | null, limit: number, offset: number): Promise<JsonText<ArticlePageData>> {
    return (await this.pages([{ filter, viewerId, limit, offset }]))[0];
  }

  /**
   * `page` for several lookups in one statement, the answers in order. They must set the same
   * filters (`sameListStatement`).
   */
  async pages(lookups: PageLookup[]): Promise<Array<JsonText<ArticlePageData>>> {
    let statement = '';
    const columns: unknown[][] = [];
    lookups.forEach(({ filter, viewerId, limit, offset }, i) => {
      const params: unknown[] = [viewerId];
      const sql = this.filterSql(filter, params);
      params.push(limit, offset);
      if (i === 0) statement = pageStatement(sql, params.length);
      params.forEach((value, k) => (columns[k] ??= []).push(value));
    });
    // One row per lookup (an aggregate), even for a page past the end.
    const rows = await this.tx.rows<{ lookup: string; items: string | null; total: number | null }>(statement, columns);
    return Promise.all(
      rows.map(async ({ lookup, items, total }) => {
        const { filter, offset } = lookups[Number(lookup) - 1];
        const count = total ?? (offset === 0 ? 0 : await this.count(filter));
        return `{"articles":[${items ?? ''}],"articlesCount":${count}}`;
      }),
    );
  }

  /** How many published articles match `filter` in all. */
  async count(filter: ArticleFilter): Promise<number> {
    const params: unknown[] = [null];
    const { total } = this.filterSql(filter, params);
    const [row] = await this.tx.rows(`SELECT ${total} AS count WHERE $1::uuid IS NULL`, params);
    return row.count;
  }

  /**
   * The filter as SQL. Its total is read from the counters when no filter or a single tag,
   * section or author filter is set (tags' counts, and `article_counts`, which a trigger keeps:
   * migration 1764400000000), so the busiest lists count nothing; counted otherwise, over the
   * rows the combined filters narrow to (a reader's favorites, an author's tag). A tag alone
   * reads its own index of published articles, the feed each followed author's index, the others
   * `articles`' indexes.
   */
  private filterSql(filter: ArticleFilter, params: unknown[]): FilterSql {
    const clauses = [`a.status = 'published'`];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const counters: string[] = [];
    let tag: string | undefined;
    if (filter.tag !== undefined) {
      tag = param(filter.tag);
      clauses.push(`a.tag_list @> ARRAY[${tag}::text]`);
      counters.push(`(SELECT articles_count FROM tags WHERE name = ${tag})`);
    }
    if (filter.section !== undefined) {
      const section = param(filter.section);
      clauses.push(`a.section = ${section}`);
      counters.push(`(SELECT articles FROM article_counts WHERE scope = 'section' AND key = ${section})`);
    }
    if (filter.author !== undefined) {
      // The name's holder: usernames are unique, but the replica may hold a name twice for a
      // moment during a swap of names; the latest news of it wins. One author, so the list
      // walks that author's index in order and stops at the page.
      const author = `(SELECT user_id FROM authors WHERE lower(username) = lower(${param(filter.author)}) ORDER BY synced_at DESC LIMIT 1)`;
      clauses.push(`a.author_id = ${author}`);
      counters.push(`(SELECT articles FROM article_counts WHERE scope = 'author' AND key = ${author}::text)`);
    }
    if (filter.favorited !== undefined) {
      clauses.push(
        `a.id IN (SELECT f.article_id FROM favorites f
                   WHERE f.user_id IN (SELECT user_id FROM authors WHERE lower(username) = lower(${param(filter.favorited)})))`,
      );
    }
    let follower: string | undefined;
    if (filter.followedBy !== undefined) {
      follower = param(filter.followedBy);
      clauses.push(`a.author_id IN (SELECT followee_id FROM follows WHERE follower_id = ${follower}::uuid)`);
    }
    const filters = clauses.length - 1;
    if (filters === 1 && follower !== undefined) {
      // The feed alone: each followed author's newest, as many as the page reaches, through that
      // author's index; then the page of those. It reads at most (offset + limit) articles per
      // author followed, not every article they wrote; its count adds up their counters.
      return {
        from: (limit, offset) => `follows fo CROSS JOIN LATERAL (
                 SELECT * FROM articles a WHERE a.author_id = fo.followee_id AND a.status = 'published'
                  ORDER BY a.published_at DESC, a.id DESC LIMIT ${limit}::int + ${offset}::int) a`,
        where: `fo.follower_id = ${follower}::uuid`,
        order: 'a.published_at DESC, a.id DESC',
        total: `coalesce((SELECT sum(n.articles)::int FROM follows fo JOIN article_counts n ON n.scope = 'author' AND n.key = fo.followee_id::text
                           WHERE fo.follower_id = ${follower}::uuid), 0)`,
      };
    }
    const only = filters === 1 && counters.length === 1;
    if (only && tag !== undefined) {
      // A tag alone walks its own index of published articles (`article_tags`, kept by triggers:
      // migration 1764500000000) in the page's order.
      return {
        from: () => `article_tags t JOIN articles a ON a.id = t.article_id`,
        where: `t.tag = ${tag} AND a.status = 'published'`,
        order: `t.published_at DESC, t.article_id DESC`,
        total: `coalesce(${counters[0]}, 0)`,
      };
    }
    const where = clauses.join(' AND ');
    const total =
      filters === 0 ? `(SELECT articles FROM article_counts WHERE scope = 'all' AND key = '')` : only ? counters[0] : `(SELECT count(*)::int FROM articles a WHERE ${where})`;
    return { from: () => 'articles a', where, order: 'a.published_at DESC, a.id DESC', total: `coalesce(${total}, 0)` };
  }

  async insert(article: ArticleEntity): Promise<void> {
    await this.tx.manager.insert(ArticleEntity, article);
  }

  /** Writes every editable column back; the favorites count is left to its own statements. */
  async save(article: ArticleEntity): Promise<void> {
    await this.tx.manager.update(
      ArticleEntity,
      { id: article.id },
      {
        slug: article.slug,
        title: article.title,
        description: article.description,
        body: article.body,
        tagList: article.tagList,
        section: article.section,
        dateline: article.dateline,
        status: article.status,
        publishedAt: article.publishedAt,
        scheduledAt: article.scheduledAt,
        digitalSourceType: article.digitalSourceType,
        generator: article.generator,
        reviewedBy: article.reviewedBy,
        reviewedAt: article.reviewedAt,
        disclosure: article.disclosure,
        sources: article.sources,
        corrections: article.corrections,
        outline: article.outline,
        readingTimeMinutes: article.readingTimeMinutes,
        updatedAt: article.updatedAt,
      },
    );
  }

  async delete(id: string): Promise<void> {
    await this.tx.manager.delete(ArticleEntity, { id });
  }

  /**
   * Scheduled articles due at `now`, locked; rows another replica is publishing are skipped, so
   * replicas share the work and none is published twice.
   */
  dueForPublishing(now: Date, limit: number): Promise<ArticleEntity[]> {
    return this.tx.manager
      .getRepository(ArticleEntity)
      .createQueryBuilder('a')
      .where(`a.status = 'scheduled' AND a.scheduled_at <= :now`, { now })
      .orderBy('a.scheduled_at')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Adds to the favorites count under the row lock (exact under concurrency); the new count. */
  async addToFavoritesCount(id: string, delta: 1 | -1): Promise<number> {
    const rows = await this.tx.rows<{ count: number }>(
      `UPDATE articles SET favorites_count = favorites_count + $2 WHERE id = $1 RETURNING favorites_count AS count`,
      [id, delta],
    );
    return rows[0].count;
  }
}
