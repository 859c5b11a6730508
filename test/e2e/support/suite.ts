import { generateKeyPairSync } from 'node:crypto';
import type { DomainService } from '@broadsheet/contracts';
import { createDomainService, type DomainServiceApp, type DomainServiceConfig, type DomainServiceDefinition } from '@broadsheet/messaging';
import { loadConfig } from '@broadsheet/platform';
import { createTestDatabase, deleteStream, isolatedBusEnv, testInfrastructure, type TestDatabase } from '@broadsheet/testing';
import { ArticlesConfig } from '../../../apps/articles/src/config/articles.config';
import { ARTICLES_SERVICE } from '../../../apps/articles/src/articles.definition';
import { CommentsConfig } from '../../../apps/comments/src/config/comments.config';
import { COMMENTS_SERVICE } from '../../../apps/comments/src/comments.definition';
import { GatewayConfig } from '../../../apps/gateway/src/config/gateway.config';
import { createGateway, type GatewayApp } from '../../../apps/gateway/src/gateway.factory';
import { RecommendationsConfig } from '../../../apps/recommendations/src/config/recommendations.config';
import { RECOMMENDATIONS_SERVICE } from '../../../apps/recommendations/src/recommendations.definition';
import { UsersConfig } from '../../../apps/users/src/config/users.config';
import { USERS_SERVICE } from '../../../apps/users/src/users.definition';

const SERVICES: Record<DomainService, { definition: DomainServiceDefinition; Config: new () => DomainServiceConfig }> = {
  users: { definition: USERS_SERVICE, Config: UsersConfig },
  articles: { definition: ARTICLES_SERVICE, Config: ArticlesConfig },
  comments: { definition: COMMENTS_SERVICE, Config: CommentsConfig },
  recommendations: { definition: RECOMMENDATIONS_SERVICE, Config: RecommendationsConfig },
};

/** The whole suite in one process on real Postgres and NATS, isolated from every other run. */
export interface Suite {
  /** Base URL including `/api`. */
  api: string;
  env: Record<string, string>;
  gateway: GatewayApp;
  services: Map<DomainService, DomainServiceApp[]>;
  /** Stops every replica of a service (as if it crashed or was scaled to zero). */
  stopService(name: DomainService): Promise<void>;
  /** Starts one more replica of a service. */
  startService(name: DomainService, instance?: string): Promise<DomainServiceApp>;
  close(): Promise<void>;
}

function developmentKeys(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export async function startSuite(options: { env?: Record<string, string>; label?: string } = {}): Promise<Suite> {
  const infra = await testInfrastructure();
  const db: TestDatabase = await createTestDatabase(infra.serverUrl, options.label ?? 'e2e');
  const keys = developmentKeys();
  const env: Record<string, string> = {
    ...isolatedBusEnv(),
    DATABASE_URL: db.url,
    NATS_URL: infra.natsUrl,
    LOG_LEVEL: 'error',
    PORT: '0',
    HOST: '127.0.0.1',
    RPC_TIMEOUT_MS: '3000',
    EVENT_REDELIVERY_DELAY_MS: '100',
    OUTBOX_POLL_INTERVAL_MS: '200',
    JWT_PRIVATE_KEY: keys.privateKey,
    JWT_PUBLIC_KEY: keys.publicKey,
    // Every test request comes from 127.0.0.1: per-IP sign-up/sign-in limits would trip suites
    // that make many accounts. Specs of the limits themselves pass lower values in options.env.
    SIGNUP_IP_MAX: '100000',
    SIGNIN_IP_MAX_ATTEMPTS: '100000',
    ...options.env,
  };

  const services = new Map<DomainService, DomainServiceApp[]>();
  let replicas = 0;
  const startService = async (name: DomainService, instance = `${name}-${++replicas}`) => {
    const { definition, Config } = SERVICES[name];
    const service = await createDomainService(definition, loadConfig(Config, { ...env, INSTANCE_ID: instance }));
    await service.app.listen();
    services.set(name, [...(services.get(name) ?? []), service]);
    return service;
  };
  // Migrations of different schemas may run side by side.
  await Promise.all((Object.keys(SERVICES) as DomainService[]).map((name) => startService(name)));

  const gateway = await createGateway(loadConfig(GatewayConfig, { ...env, INSTANCE_ID: 'gateway-1' }));
  const api = await gateway.listen();

  return {
    api,
    env,
    gateway,
    services,
    startService,
    stopService: async (name) => {
      const running = services.get(name) ?? [];
      services.set(name, []);
      await Promise.all(running.map((s) => s.close()));
    },
    close: async () => {
      await gateway.close();
      await Promise.all([...services.values()].flat().map((s) => s.close()));
      await deleteStream(infra.natsUrl, env.EVENTS_STREAM);
      await db.drop();
    },
  };
}
