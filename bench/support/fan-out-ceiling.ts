/*
 * The fan-out ceiling: the hops a gateway read takes, with nothing else. A bare `node:http`
 * server sends, for each request, one NATS request per part of the route's answer, all at once;
 * a bare responder (one process per part, as each service is one) runs one prepared Postgres
 * statement and answers with that part's bytes; the server joins the parts and answers. No
 * framework, no validation, no JSON: what is left is the cost of the process layout itself
 * (HTTP in, NATS out and back, a database round trip), which no implementation of this
 * architecture avoids on this host. NATS writes wait for the end of the event-loop turn and leave
 * together, as the suite's do (libs/messaging WriteBatcher): without that, the bare program would
 * pay a write per message that the suite does not, and be no ceiling.
 *
 *   node fan-out-ceiling.js server      PORT, NATS_URL, FAN_OUT_SUBJECT, FAN_OUT_ROUTES
 *   node fan-out-ceiling.js responder   NATS_URL, DATABASE_URL, FAN_OUT_SUBJECT, FAN_OUT_PART, FAN_OUT_ROUTES
 *
 * FAN_OUT_ROUTES is JSON: each path with its parts' bytes in base64 (`fanOutRoutes`).
 */
import { createServer } from 'node:http';
import { connect, type Msg } from '@nats-io/transport-node';
import { Pool } from 'pg';

/** Each route's answer cut into `parts` pieces of about equal size, base64 for the environment. */
export function fanOutRoutes(bodies: Map<string, { body: Buffer; parts: number }>): string {
  const routes: Record<string, string[]> = {};
  for (const [path, { body, parts }] of bodies) {
    const size = Math.ceil(body.length / parts);
    routes[path] = Array.from({ length: parts }, (_, i) => body.subarray(i * size, (i + 1) * size).toString('base64'));
  }
  return JSON.stringify(routes);
}

/** Runs `write` at the end of this turn of the event loop, with every other write queued in it. */
const pending: Array<() => void> = [];
function atEndOfTurn(write: () => void): void {
  if (pending.push(write) === 1) setImmediate(() => pending.splice(0).forEach((w) => w()));
}

function routesFromEnv(): Map<string, Buffer[]> {
  const routes = JSON.parse(process.env.FAN_OUT_ROUTES ?? '{}') as Record<string, string[]>;
  return new Map(Object.entries(routes).map(([path, parts]) => [path, parts.map((b64) => Buffer.from(b64, 'base64'))]));
}

async function server(): Promise<void> {
  const routes = routesFromEnv();
  const subject = process.env.FAN_OUT_SUBJECT!;
  const nc = await connect({ servers: process.env.NATS_URL });
  createServer((req, res) => {
    const parts = routes.get(req.url ?? '');
    if (!parts) {
      res.writeHead(404);
      res.end();
      return;
    }
    const asked = parts.map((_, i) => new Promise<Msg>((resolve, reject) => atEndOfTurn(() => nc.request(`${subject}.${i}`, `${req.url}#${i}`, { timeout: 5000 }).then(resolve, reject))));
    Promise.all(asked).then(
      (replies) => {
        const body = Buffer.concat(replies.map((m) => m.data));
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
        res.end(body);
      },
      () => {
        res.writeHead(503);
        res.end();
      },
    );
  }).listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
}

async function responder(): Promise<void> {
  const routes = routesFromEnv();
  const part = Number(process.env.FAN_OUT_PART);
  // The services' own pool size and statement style: a named (prepared) statement per query.
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const nc = await connect({ servers: process.env.NATS_URL });
  const sub = nc.subscribe(`${process.env.FAN_OUT_SUBJECT}.${part}`, { queue: 'fan-out' });
  for await (const msg of sub) {
    const [path] = msg.string().split('#');
    const bytes = routes.get(path)?.[part] ?? Buffer.alloc(0);
    pool.query({ name: 'fan_out_part', text: 'SELECT $1::int AS part', values: [part] }).then(
      () => atEndOfTurn(() => msg.respond(bytes)),
      () => atEndOfTurn(() => msg.respond('')),
    );
  }
}

if (require.main === module) {
  const role = process.argv[2];
  const main = role === 'server' ? server : role === 'responder' ? responder : undefined;
  if (!main) {
    console.error('usage: fan-out-ceiling.js server|responder');
    process.exit(2);
  }
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
