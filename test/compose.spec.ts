import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { DOMAIN_SERVICES } from '@broadsheet/contracts';
import { loadConfig } from '@broadsheet/platform';
import { ArticlesConfig } from '../apps/articles/src/config/articles.config';
import { CommentsConfig } from '../apps/comments/src/config/comments.config';
import { GatewayConfig } from '../apps/gateway/src/config/gateway.config';
import { RecommendationsConfig } from '../apps/recommendations/src/config/recommendations.config';
import { UsersConfig } from '../apps/users/src/config/users.config';

// dclint ships CommonJS without type declarations for its API.
const { DCLinter } = require('dclint') as {
  DCLinter: new (config: object) => { lintFiles(paths: string[], recursive: boolean): Array<{ messages: Array<{ rule: string; message: string }> }> };
};

const ROOT = join(__dirname, '..', '..');
const COMPOSE = join(ROOT, 'docker-compose.yml');
const INIT_SCRIPT = join(ROOT, 'deploy', 'postgres', '10-service-roles.sh');
const CONFIGS = {
  users: UsersConfig,
  articles: ArticlesConfig,
  comments: CommentsConfig,
  recommendations: RecommendationsConfig,
  gateway: GatewayConfig,
} as const;
type AppService = keyof typeof CONFIGS;
const APP_SERVICES = Object.keys(CONFIGS) as AppService[];

type Service = {
  environment?: Record<string, string | number>;
  command?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
  secrets?: string[];
};

/** Compose's `${NAME:-default}` / `${NAME}` interpolation, with nothing set in the environment. */
const interpolate = (text: string): string =>
  text.replace(/\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}/g, (_, _name: string, fallback?: string) => fallback ?? '');

const compose = parse(interpolate(readFileSync(COMPOSE, 'utf8')), { merge: true }) as {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
};
const env = (service: string): Record<string, string> =>
  Object.fromEntries(Object.entries(compose.services[service].environment ?? {}).map(([k, v]) => [k, String(v)]));

function lint(file: string) {
  const config = { rules: {}, quiet: false, debug: false, exclude: [], ...(parse(readFileSync(join(ROOT, '.dclintrc.yaml'), 'utf8')) as object) };
  return new DCLinter(config).lintFiles([file], false).flatMap((r) => r.messages);
}

describe('docker-compose.yml', () => {
  it('is a valid Compose Spec file with no lint findings (dclint, offline)', () => {
    assert.deepEqual(lint(COMPOSE), []);
  });

  it('would be caught by the validator if it broke the Compose Spec', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-compose-'));
    try {
      const broken = join(dir, 'docker-compose.yml');
      writeFileSync(broken, readFileSync(COMPOSE, 'utf8').replace('condition: service_healthy', 'condition: when_ready'));
      assert.ok(lint(broken).some((m) => m.rule === 'invalid-schema'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives every service an environment its own config class accepts", () => {
    for (const service of APP_SERVICES) {
      assert.ok(compose.services[service], `no ${service} service`);
      assert.doesNotThrow(() => loadConfig(CONFIGS[service] as new () => object, env(service)), `${service} environment`);
    }
  });

  it('runs each service from its own compiled entry point', () => {
    for (const service of APP_SERVICES) {
      assert.ok(compose.services[service].command?.includes(`dist/apps/${service}/src/main.js`), service);
    }
  });

  it("publishes the gateway's PORT, and points NATS_URL and DATABASE_URL at the compose services", () => {
    const gateway = loadConfig(GatewayConfig, env('gateway'));
    const published = compose.services.gateway.ports!.map((p) => Number(p.split(':').pop()));
    assert.deepEqual(published, [gateway.PORT]);
    assert.ok(!compose.services.nats.command?.some((arg) => ['-p', '--port'].includes(arg)), 'nats keeps its default client port');
    const postgres = env('postgres');
    for (const service of APP_SERVICES) {
      const nats = new URL(env(service).NATS_URL);
      assert.equal(nats.hostname, 'nats', `${service} NATS_URL host`);
      assert.equal(nats.port || '4222', '4222', `${service} NATS_URL port`);
      if (service === 'gateway') {
        assert.equal(env(service).DATABASE_URL, undefined, 'the gateway holds no database credentials');
        continue;
      }
      const database = new URL(env(service).DATABASE_URL);
      assert.equal(database.hostname, 'postgres', `${service} DATABASE_URL host`);
      assert.equal(database.port || '5432', '5432', `${service} DATABASE_URL port`);
      assert.equal(database.pathname, `/${postgres.POSTGRES_DB}`, `${service} DATABASE_URL database`);
    }
  });

  it("connects each domain service as the role the init script makes owner of that service's schema", () => {
    const script = readFileSync(INIT_SCRIPT, 'utf8');
    const ownerOf = new Map([...script.matchAll(/CREATE SCHEMA (\w+) AUTHORIZATION (\w+);/g)].map((m) => [m[1], m[2]]));
    const passwordVariable = new Map([...script.matchAll(/CREATE ROLE (\w+) LOGIN PASSWORD :'(\w+)';/g)].map((m) => [m[1], m[2]]));
    const psqlVariables = new Map([...script.matchAll(/-v (\w+)="\$(\w+)"/g)].map((m) => [m[1], m[2]]));
    assert.deepEqual([...ownerOf.keys()].sort(), [...DOMAIN_SERVICES].sort(), 'one schema per domain service');
    assert.match(script, /REVOKE ALL ON SCHEMA public FROM PUBLIC;/);
    assert.doesNotMatch(script, /\bGRANT\b(?! CONNECT ON DATABASE)/, 'no grant beyond CONNECT');
    const postgres = env('postgres');
    for (const service of DOMAIN_SERVICES) {
      const url = new URL(env(service).DATABASE_URL);
      const role = ownerOf.get(service)!;
      assert.equal(url.username, role, `${service} connects as ${role}`);
      const containerVariable = psqlVariables.get(passwordVariable.get(role)!)!;
      assert.equal(decodeURIComponent(url.password), postgres[containerVariable], `${service} password is ${containerVariable}`);
    }
  });

  it('gives every service a healthcheck, a restart policy, and healthy dependencies to wait for', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      assert.ok(service.healthcheck?.test?.length, `${name} healthcheck`);
      assert.ok(service.restart, `${name} restart policy`);
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        assert.equal(condition, 'service_healthy', `${name} waits for ${dependency} healthy`);
        assert.ok(compose.services[dependency]?.healthcheck, `${dependency} has a healthcheck`);
      }
    }
    for (const service of DOMAIN_SERVICES) {
      assert.deepEqual(Object.keys(compose.services[service].depends_on ?? {}).sort(), ['nats', 'postgres']);
      assert.deepEqual(compose.services[service].healthcheck!.test, ['CMD', 'node', 'deploy/healthcheck.mjs', service]);
    }
    assert.deepEqual(Object.keys(compose.services.gateway.depends_on ?? {}).sort(), ['nats', ...DOMAIN_SERVICES].sort());
  });

  it('mounts the JWT keys as secrets where the users service and the gateway read them', () => {
    for (const [service, variable] of [['users', 'JWT_PRIVATE_KEY_FILE'], ['gateway', 'JWT_PUBLIC_KEY_FILE']] as const) {
      const path = env(service)[variable];
      const secret = /^\/run\/secrets\/(\w+)$/.exec(path)?.[1];
      assert.ok(secret && compose.services[service].secrets?.includes(secret), `${service} ${variable} is a mounted secret`);
      assert.ok(compose.secrets[secret].file, `secret ${secret} comes from a file`);
    }
  });
});
