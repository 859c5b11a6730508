import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Client, type Notification } from 'pg';
import { RecommendationsConfig } from '../config/recommendations.config';
import { ArticleRepository } from '../repositories/article.repository';
import { EngagementRepository } from '../repositories/engagement.repository';
import { decodeIndexChange, INDEX_CHANNEL } from '../repositories/index-change.notifier';
import { EngagementGraph } from './engagement.graph';
import { RelatedIndex } from './related.index';

/** Articles read per page when loading the index. */
export const INDEX_LOAD_PAGE = 5000;
/** Wait before reconnecting the LISTEN connection after it broke. */
const RELISTEN_DELAY_MS = 1000;

/**
 * Keeps this replica's in-memory index and engagement graph in step with the database.
 * Replicas share one durable consumer, so each event is applied by only one of them; every
 * replica LISTENs on INDEX_CHANNEL and refreshes the named article (or reader-article pair)
 * from the database when a handler's transaction commits. At boot, and after the LISTEN
 * connection was lost (notices may have been missed), it reloads everything.
 */
@Injectable()
export class IndexSync implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('IndexSync');
  private client?: Client;
  private closing = false;
  private readonly pendingArticles = new Set<string>();
  private readonly pendingEngagement = new Map<string, { articleId: string; userId: string; engaged?: true }>();
  private reloadWanted = false;
  private draining?: Promise<void>;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly config: RecommendationsConfig,
    private readonly index: RelatedIndex,
    private readonly graph: EngagementGraph,
    private readonly articles: ArticleRepository,
    private readonly engagement: EngagementRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
    await this.reload();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.draining;
    await this.client?.end().catch(() => undefined);
  }

  /** Calls `listener` after each batch of changes reached this replica's index (benchmarks and tests wait on it). */
  onApplied(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads every published article and all active engagement afresh. */
  async reload(): Promise<void> {
    const started = Date.now();
    const fresh = new RelatedIndex();
    const loaded = [];
    for (let after = ''; ; ) {
      const page = await this.articles.pagePublished(after, INDEX_LOAD_PAGE);
      loaded.push(...page);
      if (page.length < INDEX_LOAD_PAGE) break;
      after = page[page.length - 1].articleId;
    }
    fresh.load(loaded);
    this.index.replaceWith(fresh);
    const pairs = await this.engagement.activePairs();
    this.graph.clear();
    for (const { userId, articleId } of pairs) this.graph.set(userId, articleId, true);
    this.log.log(`Index loaded: ${this.index.size} articles in ${Date.now() - started} ms`);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'broadsheet-recommendations-listen' });
    client.on('notification', (n) => this.onNotification(n));
    client.on('error', (error) => this.onLost(client, error));
    client.on('end', () => this.onLost(client, new Error('connection ended')));
    await client.connect();
    await client.query(`LISTEN ${INDEX_CHANNEL}`);
    this.client = client;
  }

  private onLost(client: Client, error: Error): void {
    if (this.closing || this.client !== client) return;
    this.client = undefined;
    this.log.warn(`Index LISTEN connection lost (${error.message}); reconnecting and reloading`);
    const retry = async (): Promise<void> => {
      if (this.closing) return;
      try {
        await this.listen();
        this.reloadWanted = true;
        this.schedule();
      } catch {
        setTimeout(() => void retry(), RELISTEN_DELAY_MS).unref();
      }
    };
    setTimeout(() => void retry(), RELISTEN_DELAY_MS).unref();
  }

  private onNotification(notification: Notification): void {
    const change = decodeIndexChange(notification.payload ?? '');
    if (!change) return;
    if (change.kind === 'reload') this.reloadWanted = true;
    else if (change.kind === 'article') this.pendingArticles.add(change.articleId);
    else this.pendingEngagement.set(`${change.articleId}\n${change.userId}`, change);
    this.schedule();
  }

  /** Coalesces a burst of notices into one refresh; one refresh runs at a time, in order. */
  private schedule(): void {
    this.draining ??= (async () => {
      try {
        while (!this.closing && (this.reloadWanted || this.pendingArticles.size > 0 || this.pendingEngagement.size > 0)) {
          await this.refreshPending();
          for (const listener of this.listeners) listener();
        }
      } catch (error) {
        this.log.error(`Index refresh failed: ${(error as Error).message}; reloading`);
        this.reloadWanted = true;
        setTimeout(() => this.schedule(), RELISTEN_DELAY_MS).unref();
      } finally {
        this.draining = undefined;
      }
    })();
  }

  private async refreshPending(): Promise<void> {
    if (this.reloadWanted) {
      this.reloadWanted = false;
      this.pendingArticles.clear();
      this.pendingEngagement.clear();
      return this.reload();
    }
    const articleIds = [...this.pendingArticles];
    this.pendingArticles.clear();
    const pairs = [...this.pendingEngagement.values()];
    this.pendingEngagement.clear();
    if (articleIds.length > 0) {
      const published = await this.articles.findPublished(articleIds);
      const found = new Set(published.map((a) => a.articleId));
      for (const articleId of articleIds) if (!found.has(articleId)) this.index.remove(articleId);
      for (const article of published) this.index.upsert(article);
    }
    for (const { articleId, userId } of pairs.filter((p) => p.engaged)) this.graph.set(userId, articleId, true);
    const unsure = pairs.filter((p) => !p.engaged);
    const engaged = await this.engagement.engagedPairs(unsure);
    for (const [i, { articleId, userId }] of unsure.entries()) this.graph.set(userId, articleId, engaged[i]);
  }
}
