#!/usr/bin/env node
// Container healthcheck. `node deploy/healthcheck.mjs <service>` asks a domain service
// `<service>.health` over NATS (healthy when it answers and its database is up);
// `node deploy/healthcheck.mjs gateway` checks the gateway serves HTTP (liveness: a 503 from
// /api/health means a service behind it is down, which restarting the gateway would not fix).
// Exits 0 when healthy, 1 otherwise, printing why.
import { connect } from '@nats-io/transport-node';

const TIMEOUT_MS = Number(process.env.HEALTHCHECK_TIMEOUT_MS ?? 2000);
const target = process.argv[2];

async function domainService(service) {
  const nc = await connect({ servers: (process.env.NATS_URL ?? 'nats://127.0.0.1:4222').split(','), timeout: TIMEOUT_MS });
  try {
    const prefix = process.env.RPC_SUBJECT_PREFIX ?? 'rpc';
    const msg = await nc.request(`${prefix}.${service}.health`, '', { timeout: TIMEOUT_MS });
    const reply = msg.json();
    if (!reply.ok) throw new Error(`health request failed: ${JSON.stringify(reply.error)}`);
    if (reply.data.database !== 'up') throw new Error(`database ${reply.data.database}`);
    return `${service} up (instance ${reply.data.instance})`;
  } finally {
    await nc.close();
  }
}

async function gateway() {
  const url = `http://127.0.0.1:${process.env.PORT ?? 3000}/api/health`;
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (res.status !== 200 && res.status !== 503) throw new Error(`${url} answered ${res.status}`);
  return `gateway serving (health ${res.status})`;
}

if (!target) {
  console.error('usage: node deploy/healthcheck.mjs <users|articles|comments|recommendations|gateway>');
  process.exit(2);
}
(target === 'gateway' ? gateway() : domainService(target)).then(
  (message) => {
    console.log(message);
    process.exit(0);
  },
  (error) => {
    console.error(`${target} unhealthy: ${error.message}`);
    process.exit(1);
  },
);
