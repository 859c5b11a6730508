/*
 * Gateway HTTP benchmark: boots the whole suite as separate processes (as `npm start` does) on a
 * database and stream of its own, seeds it through the API, then measures with wrk where it is
 * installed (else autocannon; BENCH_LOAD=wrk|autocannon picks one)
 * (50 connections) requests per second and p50/p99 latency for the main reads, cached and with
 * the cache off, and signed-in comment posts with their durable event; beside a bare node:http
 * server answering each route's exact bytes (its ceiling), and a bare program taking the same hops
 * (its fan-out ceiling: HTTP in, one NATS round trip per service asked, one Postgres statement
 * behind each; support/fan-out-ceiling.ts), both measured in the same run. Prints every figure as
 * a ratio to them, samples each process's memory under load, and writes the table to
 * docs/benchmarks.md. It never fails on a time.
 *
 *   npm run bench:http            (BENCH_SECONDS=5 per run, after BENCH_WARMUP_SECONDS=1 not counted,
 *                                  and BENCH_SUITE_WARMUP_SECONDS=2 on each read once, before the first)
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DOMAIN_SERVICES } from '@broadsheet/contracts';
import { createTestDatabase, deleteStream, freePort, isolatedBusEnv, testInfrastructure } from '@broadsheet/testing';
import { cpuPerRequest, processCpuSeconds, sharedServerSources, type CpuSource } from './support/cpu';
import { load, loadTool, type LoadResult } from './support/load';
import { fanOutRoutes } from './support/fan-out-ceiling';
import { DIST, startNode, waitForHttp, type Child, type Rss } from './support/processes';
import { machineLine, pad, padLeft, ROOT, writeBenchmarkSection } from './support/report';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Load before each measured run, not counted: the JIT and the young generation settle first. */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
/**
 * Load on every read through both gateways once, before the first measured run, not counted, so
 * that no route is measured in the start just after the seeding (the heap it left, code still
 * being optimised): in the three full runs before it, the route measured first took about twice
 * the gateway's CPU per cached read of the next ones.
 */
const SUITE_WARMUP_SECONDS = Number(process.env.BENCH_SUITE_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Only the runs whose label matches this pattern (e.g. `BENCH_ONLY='slug \(cache off\)'`); a matching route's ceilings always run. */
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;

/**
 * Limits raised so the benchmark measures the path, not the throttles. The gateway's write limits
 * stay on (their per-request work is measured) at rates the run never reaches.
 */
const UNTHROTTLED = {
  WRITE_RATE_LIMIT_PER_IP: '100000000',
  WRITE_RATE_LIMIT_PER_USER: '100000000',
  COMMENTS_POST_INTERVAL_MS: '0',
  COMMENTS_DUPLICATE_WINDOW_SECONDS: '0',
  SIGNUP_IP_MAX: '100000',
  SIGNIN_IP_MAX_ATTEMPTS: '100000',
};

/**
 * The runtime memory settings the suite is deployed with (scripts/lib/runtime.mjs, which
 * scripts/start.mjs uses and deploy/Dockerfile and docker-compose.yml repeat): node flags
 * NODE_OPTIONS does not accept, and the environment. To measure an alternative,
 * BENCH_RUNTIME_NODE_ARGS replaces the shared flags, BENCH_RUNTIME_SERVICE_ARGS='' drops the
 * per-process ones, and BENCH_RUNTIME_<NAME> one variable (e.g. BENCH_RUNTIME_NODE_OPTIONS,
 * BENCH_RUNTIME_MALLOC_ARENA_MAX; empty leaves it unset).
 */
const DEPLOYED = require(join(ROOT, 'scripts', 'lib', 'runtime.mjs')) as {
  NODE_ARGS: string[];
  SERVICE_NODE_ARGS: Record<string, string[]>;
  RUNTIME_ENV: Record<string, string>;
};
const SHARED_ARGS = process.env.BENCH_RUNTIME_NODE_ARGS?.split(' ').filter(Boolean) ?? DEPLOYED.NODE_ARGS;
/** A process's node flags as deployed: the shared ones and its own (BENCH_RUNTIME_SERVICE_ARGS='' drops its own). */
const runtimeArgs = (service: string): string[] =>
  process.env.BENCH_RUNTIME_SERVICE_ARGS === '' ? SHARED_ARGS : [...SHARED_ARGS, ...(DEPLOYED.SERVICE_NODE_ARGS[service] ?? [])];
const RUNTIME = Object.fromEntries(
  Object.entries(DEPLOYED.RUNTIME_ENV)
    .map(([name, value]) => [name, process.env[`BENCH_RUNTIME_${name}`] ?? value])
    .filter(([, value]) => value !== ''),
);

async function json(url: string, init: RequestInit = {}): Promise<any> {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Waits until the seed's events are published and applied (outbox and consumers empty, from the
 * gateway's metrics), so the measured runs see no invalidation from the seeding.
 */
async function settled(api: string, log: (line: string) => void, timeoutMs = 30_000): Promise<void> {
  const backlog = /^broadsheet_(?:outbox_pending|event_consumer_pending|event_consumer_unacked)\{[^}]*\} (\d+)/gm;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await (await fetch(`${api}/metrics`)).text();
    const waiting = [...text.matchAll(backlog)].reduce((sum, m) => sum + Number(m[1]), 0);
    if (waiting === 0) break;
    if (Date.now() > deadline) {
      log(`events still pending after ${timeoutMs / 1000} s (${waiting}); measuring anyway`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, 500)); // the gateways' own invalidations follow the services' acks
}

/**
 * Eight authors, forty articles, a thread of twenty comments on the first, five favorites. The
 * text has the typographic quotes, apostrophes and dashes of real news copy: a JavaScript engine
 * holds such a string two bytes a character, and decoding, searching and encoding it cost about
 * two and a half times what plain ASCII does (docs/benchmarks-history.md, "Session 10").
 */
async function seed(api: string): Promise<{ slug: string; tokens: string[] }> {
  const users: Array<{ token: string }> = [];
  for (let i = 0; i < 8; i++) {
    const id = randomBytes(4).toString('hex');
    const res = await json(`${api}/users`, {
      method: 'POST',
      body: JSON.stringify({ user: { username: `bench_${id}`, email: `bench_${id}@example.com`, password: `bench pass ${id}` } }),
    });
    users.push({ token: res.user.token });
  }
  const tags = ['politics', 'economy', 'climate', 'science', 'sport', 'culture', 'health', 'technology'];
  let slug = '';
  for (let i = 0; i < 40; i++) {
    const author = users[i % users.length];
    const res = await json(`${api}/articles`, {
      method: 'POST',
      headers: { authorization: `Token ${author.token}` },
      body: JSON.stringify({
        article: {
          title: `Benchmark story ${i} — the ${tags[i % tags.length]} desk’s “report”`,
          description: `A one-line summary of benchmark story ${i}: what happened — and why it’s news.`,
          body: `## What happened\n\n${'Reporters followed the story through the day — “it’s not over”, one said. '.repeat(30)}\n\n## Why it matters\n\n${'Analysts weighed in. '.repeat(30)}`,
          tagList: [tags[i % tags.length], tags[(i + 3) % tags.length]],
        },
      }),
    });
    slug ||= res.article.slug;
  }
  for (let i = 0; i < 20; i++) {
    await json(`${api}/articles/${slug}/comments`, {
      method: 'POST',
      headers: { authorization: `Token ${users[i % users.length].token}` },
      body: JSON.stringify({ comment: { body: `Seed thought number ${i} on this story — it’s “fair”.` } }),
    });
  }
  for (const user of users.slice(0, 5)) {
    await json(`${api}/articles/${slug}/favorite`, { method: 'POST', headers: { authorization: `Token ${user.token}` } });
  }
  return { slug, tokens: users.map((u) => u.token) };
}

/**
 * A bare node:http server answering, at each path of `CEILING_BODIES` (path → base64), those exact
 * bytes: the ceiling for this machine, per route.
 */
function ceilingServerSource(): string {
  return `
    const { createServer } = require('node:http');
    const bodies = new Map(Object.entries(JSON.parse(process.env.CEILING_BODIES)).map(([path, b64]) => [path, Buffer.from(b64, 'base64')]));
    createServer((req, res) => {
      const body = bodies.get(req.url);
      if (!body) { res.writeHead(404); return res.end(); }
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      res.end(body);
    }).listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\\n'));
  `;
}

async function main(): Promise<void> {
  const started = Date.now();
  const tool = loadTool();
  const log = (line: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${line}`);
  const infra = await testInfrastructure();
  const db = await createTestDatabase(infra.serverUrl, 'bench');
  const keys = generateKeyPairSync('ed25519');
  const [cachedPort, uncachedPort, ceilingPort, fanOutPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const env: Record<string, string> = {
    ...isolatedBusEnv(),
    ...UNTHROTTLED,
    ...RUNTIME,
    DATABASE_URL: db.url,
    NATS_URL: infra.natsUrl,
    LOG_LEVEL: 'warn',
    JWT_PRIVATE_KEY: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    JWT_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  const children: Child[] = [];
  const cleanUp = async () => {
    await Promise.all(children.map((c) => c.stop()));
    await deleteStream(infra.natsUrl, env.EVENTS_STREAM).catch(() => undefined);
    await db.drop().catch(() => undefined);
  };
  // An interrupted run (Ctrl-C, kill) also stops the suite and drops its database and stream.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  try {
    log('starting users, articles, comments, recommendations and two gateways (cache on / off)');
    for (const service of DOMAIN_SERVICES) {
      children.push(startNode(service, join(DIST, 'apps', service, 'src', 'main.js'), env, [], runtimeArgs(service)));
    }
    const gatewayScript = join(DIST, 'apps', 'gateway', 'src', 'main.js');
    const cachedGateway = startNode('gateway (cache on)', gatewayScript, { ...env, PORT: String(cachedPort), HOST: '127.0.0.1' }, [], runtimeArgs('gateway'));
    children.push(cachedGateway);
    const uncachedGateway = startNode(
      'gateway (cache off)',
      gatewayScript,
      { ...env, PORT: String(uncachedPort), HOST: '127.0.0.1', CACHE_ENABLED: 'false' },
      [],
      runtimeArgs('gateway'),
    );
    children.push(uncachedGateway);
    const cached = `http://127.0.0.1:${cachedPort}/api`;
    const uncached = `http://127.0.0.1:${uncachedPort}/api`;
    await waitForHttp(`${cached}/health`);
    await waitForHttp(`${uncached}/health`);

    log('seeding 8 users, 40 articles, 20 comments, 5 favorites through the API');
    const { slug, tokens } = await seed(cached);
    await settled(cached, log);

    // Each read with the services the gateway asks for it at once (the page: articles, comments
    // and recommendations; its authors' profiles come from the gateway's replica).
    const reads: Array<[label: string, path: string, hops: number]> = [
      ['GET /api/articles?limit=20', '/articles?limit=20', 1],
      ['GET /api/articles/:slug', `/articles/${slug}`, 1],
      ['GET /api/articles/:slug/page', `/articles/${slug}/page`, 3],
      ['GET /api/articles/:slug/comments', `/articles/${slug}/comments`, 1],
    ];
    // Each route's exact bytes, as an anonymous reader gets them, for its ceiling.
    const bodies = new Map<string, Buffer>();
    for (const [, path] of reads) bodies.set(path, Buffer.from(await (await fetch(`${uncached}${path}`)).arrayBuffer()));
    const ceiling = startNodeEval('ceiling (node:http)', ceilingServerSource(), {
      PORT: String(ceilingPort),
      CEILING_BODIES: JSON.stringify(Object.fromEntries([...bodies].map(([path, body]) => [path, body.toString('base64')]))),
    });
    children.push(ceiling);
    await waitForHttp(`http://127.0.0.1:${ceilingPort}${reads[1][1]}`);

    // The fan-out ceiling (support/fan-out-ceiling.ts): the same bytes through the same hops, with
    // nothing else: one bare responder per service asked.
    const fanOutEnv = {
      NATS_URL: infra.natsUrl,
      DATABASE_URL: db.url,
      FAN_OUT_SUBJECT: `bench.fan-out.${randomBytes(4).toString('hex')}`,
      FAN_OUT_ROUTES: fanOutRoutes(new Map(reads.map(([, path, hops]) => [path, { body: bodies.get(path)!, parts: hops }]))),
    };
    const fanOutScript = join(DIST, 'bench', 'support', 'fan-out-ceiling.js');
    const fanOut = [
      ...Array.from({ length: Math.max(...reads.map(([, , hops]) => hops)) }, (_, part) =>
        startNode(`fan-out responder ${part}`, fanOutScript, { ...fanOutEnv, FAN_OUT_PART: String(part) }, ['responder']),
      ),
      startNode('fan-out server', fanOutScript, { ...fanOutEnv, PORT: String(fanOutPort) }, ['server']),
    ];
    children.push(...fanOut);
    for (const [label, path] of reads) {
      await waitForHttp(`http://127.0.0.1:${fanOutPort}${path}`);
      const answer = Buffer.from(await (await fetch(`http://127.0.0.1:${fanOutPort}${path}`)).arrayBuffer());
      if (!answer.equals(bodies.get(path)!)) throw new Error(`the fan-out ceiling does not answer the bytes of ${label}`);
    }

    // Each process's highest RSS, with its split into anonymous and file-backed at that moment,
    // and the load it was under then.
    type PeakRss = Rss & { during: string };
    const peakRss = new Map<string, PeakRss>();
    let loadNow = 'the suite warm-up';
    const sampler = setInterval(() => {
      for (const child of children) {
        const rss = child.rss();
        if (rss.total > (peakRss.get(child.name)?.total ?? 0)) peakRss.set(child.name, { ...rss, during: loadNow });
      }
    }, 250);

    // CPU per request, per process: where a request's cost goes (the two gateways are one column;
    // the one not under load is paused).
    const cpuSources: CpuSource[] = [
      ...DOMAIN_SERVICES.map((service) => childCpu(service, children.filter((c) => c.name === service))),
      childCpu('gateway', children.filter((c) => c.name.startsWith('gateway'))),
      childCpu('fan-out ceiling', fanOut),
      ...sharedServerSources(),
      // autocannon runs in this process; wrk runs as a child, counted once it has ended and been reaped.
      { name: 'load generator', seconds: () => processCpuSeconds(process.pid, true) },
    ];
    const cpuRows: Array<{ label: string; micros: Map<string, number> }> = [];
    // The suite as deployed has one gateway: the other, here for the bench, is paused while load
    // goes to `url` (it would otherwise spend CPU on every event a post causes).
    const withSparePaused = async <T>(url: string, work: () => Promise<T>): Promise<T> => {
      const spare = url.startsWith(uncached) ? cachedGateway : uncachedGateway;
      spare.pause();
      try {
        return await work();
      } finally {
        spare.resume();
      }
    };
    const run = async (label: string, url: string, extra: Partial<Parameters<typeof load>[1]> = {}): Promise<LoadResult | undefined> => {
      if (ONLY && !ONLY.test(label) && !isCeiling(label)) return undefined;
      log(`${label} …`);
      loadNow = label;
      if (!extra.posts) await fetch(url).then((res) => res.arrayBuffer()); // the first read fills the cache
      const { result, microsPerRequest } = await withSparePaused(url, async () => {
        if (WARMUP_SECONDS > 0) await load(tool, { label: `${label} (warm-up)`, url, connections: CONNECTIONS, durationSeconds: WARMUP_SECONDS, ...extra });
        return cpuPerRequest(cpuSources, SECONDS, () => load(tool, { label, url, connections: CONNECTIONS, durationSeconds: SECONDS, ...extra }));
      });
      cpuRows.push({ label, micros: microsPerRequest });
      const cpu = [...microsPerRequest].filter(([, us]) => us > 0).map(([name, us]) => `${name} ${us}`).join(', ');
      log(`${label}: ${result.requestsPerSecond} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${result.non2xx ? `, ${result.non2xx} non-2xx` : ''}`);
      log(`  CPU µs per request: ${cpu}`);
      return result;
    };
    /** Whether BENCH_ONLY picks either variant of the read `label` (every read when unset). */
    const picked = (label: string): boolean => !ONLY || ONLY.test(`${label} (cached)`) || ONLY.test(`${label} (cache off)`);
    if (SUITE_WARMUP_SECONDS > 0) {
      log(`warming up: ${SUITE_WARMUP_SECONDS} s on each read through each gateway, not counted`);
      for (const [label, path] of reads) {
        if (!picked(label)) continue;
        for (const url of [`${cached}${path}`, `${uncached}${path}`]) {
          await withSparePaused(url, () => load(tool, { label: `${label} (suite warm-up)`, url, connections: CONNECTIONS, durationSeconds: SUITE_WARMUP_SECONDS }));
        }
      }
    }
    const results: LoadResult[] = [];
    // Every route is compared with the bare server answering its own bytes (`ceilingOf`), and a
    // read with the cache off also with the fan-out ceiling of its hops (`fanOutCeilingOf`).
    const ceilingOf = new Map<string, LoadResult>();
    const fanOutCeilingOf = new Map<string, LoadResult>();
    for (const [label, path, hops] of reads) {
      if (!picked(label) && path !== reads[1][1]) continue;
      const bytes = bodies.get(path)!.length;
      const ceilingRun = await run(`ceiling: node:http, the ${bytes.toLocaleString('en')} bytes of ${label}`, `http://127.0.0.1:${ceilingPort}${path}`);
      if (!ceilingRun) continue;
      results.push(ceilingRun);
      const fanOutRun = await run(
        `fan-out ceiling: ${hops} NATS round ${hops === 1 ? 'trip' : 'trips'} to bare responders, one Postgres statement each, for ${label}`,
        `http://127.0.0.1:${fanOutPort}${path}`,
      );
      results.push(fanOutRun!);
      ceilingOf.set(fanOutRun!.label, ceilingRun);
      for (const variant of ['cached', 'cache off']) {
        const result = await run(`${label} (${variant})`, `${variant === 'cached' ? cached : uncached}${path}`);
        if (!result) continue;
        results.push(result);
        ceilingOf.set(result.label, ceilingRun);
        if (variant === 'cache off') fanOutCeilingOf.set(result.label, fanOutRun!);
      }
    }
    const postLabel = `POST /api/articles/:slug/comments (signed in, ${tokens.length} readers)`;
    const post = await run(postLabel, `${cached}/articles/${slug}/comments`, {
      posts: { bodyTemplate: JSON.stringify({ comment: { body: 'Benchmark thought {n}' } }), tokens },
    });
    if (post) {
      results.push(post);
      // A post's answer is one comment: the single article's ceiling is the nearest in size.
      const articleCeiling = results.find((r) => r.label.startsWith('ceiling') && r.label.endsWith('GET /api/articles/:slug'));
      if (articleCeiling) ceilingOf.set(post.label, articleCeiling);
    }
    clearInterval(sampler);

    const ratio = (r: LoadResult, of: Map<string, LoadResult>, self: string): string => {
      if (r.label.startsWith(self)) return '1.00';
      const base = of.get(r.label);
      return base ? (r.requestsPerSecond / base.requestsPerSecond).toFixed(2) : '–';
    };
    const lines = [
      '| route | req/s | p50 ms | p99 ms | × its ceiling | × its fan-out ceiling | non-2xx |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...results.map(
        (r) =>
          `| ${r.label} | ${r.requestsPerSecond} | ${r.p50} | ${r.p99} | ${ratio(r, ceilingOf, 'ceiling')} | ${ratio(r, fanOutCeilingOf, 'fan-out ceiling')} | ${r.non2xx + r.errors} |`,
      ),
    ];
    const cpuNames = cpuSources.map((s) => s.name);
    // The load generator's own CPU per request depends on the host, not on the suite: the total
    // in its units moves far less between runs than the microseconds do ("Reading the CPU table").
    const cpuTable = [
      `| route | ${cpuNames.join(' | ')} | total | total ÷ load generator |`,
      `|---|${cpuNames.map(() => '---:').join('|')}|---:|---:|`,
      ...cpuRows
        .filter((row) => !row.label.startsWith('ceiling'))
        .map((row) => {
          const values = cpuNames.map((name) => row.micros.get(name) ?? 0);
          const total = values.reduce((a, b) => a + b, 0);
          const loadGenerator = row.micros.get('load generator') ?? 0;
          return `| ${row.label} | ${values.join(' | ')} | ${total} | ${loadGenerator > 0 ? (total / loadGenerator).toFixed(1) : '–'} |`;
        }),
    ];
    const services = children.filter((c) => c !== ceiling && !fanOut.includes(c));
    // The suite as deployed: four services and one gateway (the cache-off one exists for the bench).
    const suite = services.filter((c) => c.name !== 'gateway (cache off)');
    const peak = (c: Child): PeakRss => peakRss.get(c.name) ?? { total: 0, anon: 0, file: 0, during: '–' };
    const suiteRss = suite.reduce((sum, c) => sum + peak(c).total, 0);
    const suiteAnon = suite.reduce((sum, c) => sum + peak(c).anon, 0);
    const suiteFile = suite.reduce((sum, c) => sum + peak(c).file, 0);
    const memory = [
      '| process | peak RSS under load (MiB) | of which anonymous | of which file-backed (shared node binary) | reached under |',
      '|---|---:|---:|---:|---|',
      ...services.map((c) => `| ${c.name} | ${peak(c).total.toFixed(0)} | ${peak(c).anon.toFixed(0)} | ${peak(c).file.toFixed(0)} | ${peak(c).during} |`),
      `| **the suite (four services + one gateway)** | **${suiteRss.toFixed(0)}** | ${suiteAnon.toFixed(0)} | ${suiteFile.toFixed(0)} | |`,
    ];
    console.log(`\n${lines.join('\n')}\n\n${cpuTable.join('\n')}\n\n${memory.join('\n')}\n`);
    if (ONLY) {
      log('BENCH_ONLY is set: a partial run, docs/benchmarks.md left as it is');
      return;
    }
    const file = writeBenchmarkSection(
      'http',
      [
        '## Gateway HTTP',
        '',
        `Measured by \`npm run bench:http\` on ${machineLine()}: ${tool}, ${CONNECTIONS} connections, ${SECONDS} s a run after ${WARMUP_SECONDS} s of warm-up, ` +
          'every service its own process (two gateways: cache on and cache off). Each read is compared with its ceiling, a bare ' +
          '`node:http` server answering that route\'s exact bytes, measured just before it in the same run; the comment post ' +
          '(which includes its outbox event) with the single article\'s. A read with the cache off is also compared with its ' +
          'fan-out ceiling, a bare program taking the same hops (one NATS round trip per service asked, one Postgres statement ' +
          'behind each; "Two baselines" below).',
        '',
        ...lines,
        '',
        `CPU per request, in microseconds, by process (from \`/proc\`; Postgres is every backend, the load generator is ${tool}):`,
        '',
        ...cpuTable,
        '',
        ...memory,
      ].join('\n'),
    );
    log(`wrote ${file}`);
  } finally {
    await cleanUp();
  }
}

function isCeiling(label: string): boolean {
  return label.startsWith('ceiling') || label.startsWith('fan-out ceiling');
}

function childCpu(name: string, group: Child[]): CpuSource {
  return { name, seconds: () => group.reduce((sum, child) => sum + processCpuSeconds(child.process.pid), 0) };
}

function startNodeEval(name: string, source: string, env: Record<string, string>): Child {
  return startNode(name, '-e', env, [source]);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
