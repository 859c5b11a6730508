import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { Actor, EventMap, EventType, RpcPattern, RpcRequest, RpcResponse, UserRole } from '@broadsheet/contracts';
import { BusClient, createDomainService, createEnvelope, DomainError, eventSubject, type DomainServiceApp } from '@broadsheet/messaging';
import { loadConfig } from '@broadsheet/platform';
import { createTestDatabase, deleteStream, isolatedBusEnv, testInfrastructure, type TestDatabase } from '@broadsheet/testing';
import { ARTICLES_SERVICE } from '../src/articles.definition';
import { ArticlesConfig } from '../src/config/articles.config';

/** The articles service alone on its own database, stream and subjects, and a client to call it. */
export interface ArticlesHarness {
  env: Record<string, string>;
  service: DomainServiceApp;
  client: BusClient;
  call<P extends RpcPattern>(pattern: P, data: RpcRequest<P>): Promise<RpcResponse<P>>;
  /** The error code a call fails with (fails the test if it succeeds). */
  failure<P extends RpcPattern>(pattern: P, data: RpcRequest<P>): Promise<DomainError>;
  /** Publishes an event as its producer would (for replicas fed by other services). */
  publish<T extends EventType>(type: T, subject: string, data: EventMap[T]): Promise<void>;
  /** Stops the service (as if every replica went down); `start()` boots it again. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Raw SQL on the service's database, working while the service is stopped too. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Creates an article through the service, with a description and body unless `article` names them. */
export async function createArticle(h: Pick<ArticlesHarness, 'call'>, who: Actor, article: Record<string, unknown>) {
  return (await h.call('articles.create', { actor: who, article: { description: 'd', body: 'b', ...article } })).article;
}

let actors = 0;
/** A signed-in caller that the users service would have vouched for. */
export function actor(roles: UserRole[] = ['reader'], name = `user${++actors}_${randomUUID().slice(0, 6)}`): Actor {
  return { userId: randomUUID(), username: name, roles, status: 'active' };
}

export async function startArticles(extraEnv: Record<string, string> = {}): Promise<ArticlesHarness> {
  const infra = await testInfrastructure();
  const db: TestDatabase = await createTestDatabase(infra.serverUrl, 'articles');
  const env: Record<string, string> = {
    ...isolatedBusEnv(),
    DATABASE_URL: db.url,
    NATS_URL: infra.natsUrl,
    LOG_LEVEL: 'error',
    OUTBOX_POLL_INTERVAL_MS: '200',
    EVENT_REDELIVERY_DELAY_MS: '100',
    ARTICLES_SCHEDULER_INTERVAL_MS: '100',
    DATABASE_POOL_SIZE: '20',
    ...extraEnv,
  };
  let instances = 0;
  const boot = async () => {
    const app = await createDomainService(ARTICLES_SERVICE, loadConfig(ArticlesConfig, { ...env, INSTANCE_ID: `articles-${++instances}` }));
    await app.app.listen();
    return app;
  };
  let service = await boot();
  let running = true;
  const pool = new Pool({ connectionString: db.url, max: 4, options: '-c search_path=articles' });
  const client = () => new BusClient(service.bus);
  const harness: ArticlesHarness = {
    env,
    get service() {
      return service;
    },
    get client() {
      return client();
    },
    call: (pattern, data) => client().request(pattern, data),
    failure: async (pattern, data) => {
      try {
        await client().request(pattern, data);
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
      throw new Error(`${pattern} succeeded but was expected to fail`);
    },
    publish: async (type, subject, data) => {
      const envelope = createEnvelope('users', type, subject, data);
      await service.bus.js.publish(eventSubject(service.bus.options, type), JSON.stringify(envelope), { msgID: envelope.id });
    },
    stop: async () => {
      running = false;
      await service.close();
    },
    start: async () => {
      service = await boot();
      running = true;
    },
    sql: async (text, params = []) => (await pool.query(text, params)).rows,
    close: async () => {
      if (running) await service.close();
      await pool.end();
      await deleteStream(infra.natsUrl, env.EVENTS_STREAM);
      await db.drop();
    },
  };
  return harness;
}
