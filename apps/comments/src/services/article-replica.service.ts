import { Injectable } from '@nestjs/common';
import type { ArticleDeletedV1, ArticlePublishedV1, ArticleUnpublishedV1, ArticleUpdatedV1, Envelope } from '@broadsheet/contracts';
import { ArticleReplicaRepository } from '../repositories/article-replica.repository';

/**
 * Keeps the local replica of articles from the articles service's events, so a post resolves
 * its slug and learns whether the conversation is open without asking another service.
 * Each method runs inside the consumer's transaction; the event time orders the writes.
 */
@Injectable()
export class ArticleReplicaService {
  constructor(private readonly articles: ArticleReplicaRepository) {}

  async published(event: Envelope<string, ArticlePublishedV1>): Promise<void> {
    await this.articles.upsertPublished(event.data, new Date(event.time), []);
  }

  async updated(event: Envelope<string, ArticleUpdatedV1>): Promise<void> {
    const previous = event.data.previousSlug && event.data.previousSlug !== event.data.slug ? [event.data.previousSlug] : [];
    await this.articles.upsertPublished(event.data, new Date(event.time), previous);
  }

  async unpublished(event: Envelope<string, ArticleUnpublishedV1>): Promise<void> {
    const status = event.data.status === 'published' ? 'archived' : event.data.status;
    await this.articles.setStatus(event.data.articleId, event.data.slug, status, new Date(event.time));
  }

  async deleted(event: Envelope<string, ArticleDeletedV1>): Promise<void> {
    await this.articles.setStatus(event.data.articleId, event.data.slug, 'deleted', new Date(event.time));
  }
}
