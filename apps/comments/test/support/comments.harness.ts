import { randomUUID } from 'node:crypto';
import type { Actor, ArticlePublishedV1, EventMap, EventType, RpcPattern, RpcRequest, RpcResponse, ServiceName, UserRole } from '@broadsheet/contracts';
import { BusClient, createDomainService, createEnvelope, DomainError, eventSubject, type DomainServiceApp } from '@broadsheet/messaging';
import { loadConfig } from '@broadsheet/platform';
import { createTestDatabase, deleteStream, isolatedBusEnv, testInfrastructure, waitFor, type TestDatabase } from '@broadsheet/testing';
import { COMMENTS_SERVICE } from '../../src/comments.definition';
import { CommentsConfig } from '../../src/config/comments.config';
import { publishedArticle } from './article.factory';

/** The comments service alone on its own database and stream, fed events by the test. */
export interface CommentsHarness {
  service: DomainServiceApp;
  client: BusClient;
  env: Record<string, string>;
  request<P extends RpcPattern>(pattern: P, data: RpcRequest<P>): Promise<RpcResponse<P>>;
  /** The DomainError a request fails with (fails the test if it succeeds). */
  failure<P extends RpcPattern>(pattern: P, data: RpcRequest<P>): Promise<DomainError>;
  /** Publishes an event as if `producer` had, straight to JetStream. */
  publish<T extends EventType>(producer: ServiceName, type: T, subject: string, data: EventMap[T], time?: Date): Promise<void>;
  /** Publishes `articles.article.published.v1` and waits until the replica has it. */
  publishArticle(overrides?: Partial<ArticlePublishedV1>): Promise<ArticlePublishedV1>;
  /** Runs a query on the service's schema (checking audit rows and revisions). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A signed-in caller as the gateway would pass it. */
export function actor(roles: UserRole[] = ['reader'], userId: string = randomUUID()): Actor {
  return { userId, username: `u_${userId.slice(0, 8)}`, roles, status: 'active' };
}

export async function startComments(label: string, overrides: Record<string, string> = {}): Promise<CommentsHarness> {
  const infra = await testInfrastructure();
  const db: TestDatabase = await createTestDatabase(infra.serverUrl, label);
  const env: Record<string, string> = {
    ...isolatedBusEnv(),
    DATABASE_URL: db.url,
    NATS_URL: infra.natsUrl,
    LOG_LEVEL: 'error',
    EVENT_REDELIVERY_DELAY_MS: '50',
    OUTBOX_POLL_INTERVAL_MS: '200',
    RPC_TIMEOUT_MS: '3000',
    COMMENTS_POST_INTERVAL_MS: '0',
    ...overrides,
  };
  const service = await createDomainService(COMMENTS_SERVICE, loadConfig(CommentsConfig, { ...env, INSTANCE_ID: `comments-${label}` }));
  await service.app.listen();
  const client = new BusClient(service.bus);

  const harness: CommentsHarness = {
    service,
    client,
    env,
    request: (pattern, data) => client.request(pattern, data),
    failure: async (pattern, data) => {
      try {
        await client.request(pattern, data);
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
      throw new Error(`${pattern} was expected to fail`);
    },
    publish: async (producer, type, subject, data, time = new Date()) => {
      const envelope = createEnvelope(producer, type, subject, data, time);
      await service.bus.js.publish(eventSubject(service.bus.options, type), JSON.stringify(envelope), { msgID: envelope.id });
    },
    publishArticle: async (overrides = {}) => {
      const article = publishedArticle(overrides);
      await harness.publish('articles', 'articles.article.published.v1', article.articleId, article);
      await waitFor(`article ${article.slug} in the replica`, () => client.request('comments.list', { actor: null, slug: article.slug }).then(() => true));
      return article;
    },
    query: (sql, params = []) => service.dataSource.query(sql, params),
    close: async () => {
      await service.close();
      await deleteStream(infra.natsUrl, env.EVENTS_STREAM);
      await db.drop();
    },
  };
  return harness;
}
