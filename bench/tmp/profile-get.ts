import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DOMAIN_SERVICES } from '@broadsheet/contracts';
import { createTestDatabase, freePort, isolatedBusEnv, testInfrastructure } from '@broadsheet/testing';
import { load } from '../support/load';
import { DIST, startNode, waitForHttp } from '../support/processes';

async function main() {
  const infra = await testInfrastructure();
  const db = await createTestDatabase(infra.serverUrl, 'prof');
  const keys = generateKeyPairSync('ed25519');
  const port = await freePort();
  const env = { ...isolatedBusEnv(), DATABASE_URL: db.url, NATS_URL: infra.natsUrl, LOG_LEVEL: 'warn', CACHE_ENABLED: 'false',
    JWT_PRIVATE_KEY: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    JWT_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), PORT: String(port), HOST: '127.0.0.1' };
  const kids = [...DOMAIN_SERVICES, 'gateway'].map((s) => startNode(s, join(DIST, 'apps', s, 'src', 'main.js'), env));
  const api = `http://127.0.0.1:${port}/api`;
  await waitForHttp(`${api}/health`);
  const id = randomBytes(3).toString('hex');
  const u: any = await (await fetch(`${api}/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: { username: `p${id}`, email: `p${id}@e.com`, password: 'pass phrase long' } }) })).json();
  const a: any = await (await fetch(`${api}/articles`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Token ${u.user.token}` }, body: JSON.stringify({ article: { title: 'P', description: 'd', body: 'b '.repeat(300), tagList: ['a'] } }) })).json();
  const path = process.argv[2] === 'list' ? '/articles?limit=20' : `/articles/${a.article.slug}`;
  console.log(await load({ label: path, url: `${api}${path}`, connections: 50, durationSeconds: 5 }));
  await Promise.all(kids.map((k) => k.stop()));
  await db.drop();
}
void main();
