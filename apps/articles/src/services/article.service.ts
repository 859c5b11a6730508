import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ARTICLE_DELETED_V1,
  ARTICLE_PUBLISHED_V1,
  ARTICLE_UNPUBLISHED_V1,
  ARTICLE_UPDATED_V1,
  type Actor,
  type ArticleData,
  type SourceView,
} from '@broadsheet/contracts';
import { TransactionHost } from '@broadsheet/database';
import { DomainError, Outbox } from '@broadsheet/messaging';
import { ArticlesConfig } from '../config/articles.config';
import { nextLifecycle } from '../content/lifecycle.rules';
import { outlineOf } from '../content/outline.rules';
import { assertSourced, disclosureFor, nextProvenance } from '../content/provenance.rules';
import { readingTimeMinutes } from '../content/reading-time.rules';
import { slugify } from '../content/slug.rules';
import type { ArticleEntity } from '../database/entities/article.entity';
import type { CreateArticleDto, SourceDto, UpdateArticleDto } from '../dtos/article.dtos';
import { toArticleContent, toArticleData, toSnapshot } from '../dtos/article.views';
import { ArticleRepository } from '../repositories/article.repository';
import { ReplicaRepository } from '../repositories/replica.repository';
import { RevisionRepository } from '../repositories/revision.repository';
import { TagRepository } from '../repositories/tag.repository';
import { ArticleAccessPolicy } from './article-access.policy';
import { Clock } from './clock';
import { SlugAllocator } from './slug.allocator';

/** Sorted, unique; the DTO already trimmed and lower-cased them. */
const tagsOf = (tags: string[] | undefined): string[] => [...new Set(tags ?? [])].sort();
const sourcesOf = (sources: SourceDto[]): SourceView[] =>
  sources.map((s) => ({ publisher: s.publisher, title: s.title, url: s.url, retrievedAt: new Date(s.retrievedAt).toISOString() }));
/** Tags that count towards /tags: those of published articles. */
const publicTags = (a: Pick<ArticleEntity, 'status' | 'tagList'>): string[] => (a.status === 'published' ? a.tagList : []);

/** Writing articles: create, update (with revisions and the publishing lifecycle), delete. */
@Injectable()
export class ArticleService {
  constructor(
    private readonly config: ArticlesConfig,
    private readonly tx: TransactionHost,
    private readonly outbox: Outbox,
    private readonly articles: ArticleRepository,
    private readonly revisions: RevisionRepository,
    private readonly tags: TagRepository,
    private readonly replica: ReplicaRepository,
    private readonly slugs: SlugAllocator,
    private readonly access: ArticleAccessPolicy,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateArticleDto): Promise<ArticleData> {
    this.access.assertCanWrite(actor);
    const now = this.clock.now();
    const provenance = nextProvenance(null, { input: input.provenance, contentEdited: true, reviewer: actor.username, now });
    const sources = sourcesOf(input.sources ?? []);
    assertSourced(provenance.digitalSourceType, sources);
    const lifecycle = nextLifecycle(null, input, now);
    const id = randomUUID();
    return this.tx.run(async () => {
      // The registered event may not have arrived yet: the token's name fills the gap.
      await this.replica.ensureAuthor(actor.userId, actor.username);
      const article: ArticleEntity = {
        id,
        slug: await this.slugs.allocate(id, input.title),
        title: input.title,
        description: input.description,
        body: input.body,
        tagList: tagsOf(input.tagList),
        authorId: actor.userId,
        section: input.section || null,
        dateline: input.dateline || null,
        ...lifecycle,
        ...provenance,
        disclosure: disclosureFor(provenance.digitalSourceType, input.disclosure ?? null, this.config.ARTICLES_AI_DISCLOSURE),
        sources,
        corrections: [],
        outline: outlineOf(input.body),
        readingTimeMinutes: readingTimeMinutes(input.body),
        favoritesCount: 0,
        createdAt: now,
        updatedAt: now,
      };
      await this.articles.insert(article);
      await this.tags.shift([], publicTags(article));
      if (article.status === 'published') await this.outbox.add(ARTICLE_PUBLISHED_V1, id, toArticleContent(article));
      return this.reload(article.slug, actor);
    });
  }

  async update(actor: Actor, slug: string, input: UpdateArticleDto): Promise<ArticleData> {
    return this.tx.run(async () => {
      const row = this.access.visible(actor, await this.articles.findBySlug(slug, actor.userId, { lock: true }));
      this.access.assertCanManage(actor, row, 'update');
      if (input.updatedAt !== undefined && new Date(input.updatedAt).getTime() !== row.updatedAt.getTime()) {
        throw new DomainError('ARTICLE.STALE_UPDATE', 'the article changed since it was read', {
          updatedAt: [`is stale: the article was updated at ${row.updatedAt.toISOString()}; reload it and try again`],
        });
      }
      const now = this.clock.now();
      const { authorUsername: _username, favorited: _favorited, ...current } = row;
      const next: ArticleEntity = { ...current };
      if (input.title !== undefined) next.title = input.title;
      if (input.description !== undefined) next.description = input.description;
      if (input.body !== undefined) next.body = input.body;
      if (input.tagList !== undefined) next.tagList = tagsOf(input.tagList);
      if (input.section !== undefined) next.section = input.section || null;
      if (input.dateline !== undefined) next.dateline = input.dateline || null;
      if (input.sources !== undefined) next.sources = sourcesOf(input.sources);
      next.outline = outlineOf(next.body);
      next.readingTimeMinutes = readingTimeMinutes(next.body);
      const contentEdited = next.title !== row.title || next.description !== row.description || next.body !== row.body;
      Object.assign(next, nextLifecycle(row, input, now));
      Object.assign(next, nextProvenance(row, { input: input.provenance, contentEdited, reviewer: actor.username, now }));
      assertSourced(next.digitalSourceType, next.sources);
      next.disclosure = disclosureFor(
        next.digitalSourceType,
        input.disclosure !== undefined ? input.disclosure : row.disclosure,
        this.config.ARTICLES_AI_DISCLOSURE,
      );
      if (input.correction !== undefined) {
        if (!next.publishedAt) throw DomainError.invalid('correction', 'can only be added once the article has been published');
        next.corrections = [...row.corrections, { text: input.correction, createdAt: now.toISOString() }];
      }
      if (slugify(next.title) !== slugify(row.title)) next.slug = await this.slugs.allocate(row.id, next.title);

      const before = toSnapshot(row);
      const unchanged = JSON.stringify(toSnapshot(next)) === JSON.stringify(before) && next.corrections === row.corrections;
      if (unchanged) return toArticleData(row);

      await this.revisions.add(row.id, before, actor, now);
      next.updatedAt = now;
      await this.articles.save(next);
      await this.announceChange(row, next, now);
      return this.reload(next.slug, actor);
    });
  }

  async delete(actor: Actor, slug: string): Promise<void> {
    await this.tx.run(async () => {
      const row = this.access.visible(actor, await this.articles.findBySlug(slug, actor.userId, { lock: true }));
      this.access.assertCanManage(actor, row, 'delete');
      await this.tags.shift(publicTags(row), []);
      await this.articles.delete(row.id);
      await this.outbox.add(ARTICLE_DELETED_V1, row.id, { articleId: row.id, slug: row.slug, deletedAt: this.clock.now().toISOString() });
    });
  }

  /**
   * Publishes scheduled articles due at `now`, at most `limit`, in the caller's loop; rows
   * another replica holds are skipped. Returns how many were published.
   */
  async publishDue(now: Date, limit: number): Promise<number> {
    return this.tx.run(async () => {
      const due = await this.articles.dueForPublishing(now, limit);
      for (const row of due) {
        // Publishing on schedule carries out a saved decision: no revision, `updatedAt` kept.
        const next: ArticleEntity = { ...row, status: 'published', publishedAt: row.publishedAt ?? row.scheduledAt, scheduledAt: null };
        await this.articles.save(next);
        await this.announceChange(row, next, now);
      }
      return due.length;
    });
  }

  /** Tag counts and the event for a saved change, from the before and after states. */
  private async announceChange(before: ArticleEntity, after: ArticleEntity, now: Date): Promise<void> {
    await this.tags.shift(publicTags(before), publicTags(after));
    const wasPublic = before.status === 'published';
    const isPublic = after.status === 'published';
    if (wasPublic && isPublic) {
      await this.outbox.add(ARTICLE_UPDATED_V1, after.id, {
        ...toArticleContent(after),
        previousSlug: after.slug !== before.slug ? before.slug : null,
      });
    } else if (isPublic) {
      await this.outbox.add(ARTICLE_PUBLISHED_V1, after.id, toArticleContent(after));
    } else if (wasPublic) {
      await this.outbox.add(ARTICLE_UNPUBLISHED_V1, after.id, {
        articleId: after.id,
        slug: after.slug,
        status: after.status,
        unpublishedAt: now.toISOString(),
      });
    }
  }

  private async reload(slug: string, actor: Actor): Promise<ArticleData> {
    const row = await this.articles.findBySlug(slug, actor.userId);
    if (!row) throw new Error(`article ${slug} vanished inside its own transaction`);
    return toArticleData(row);
  }
}
