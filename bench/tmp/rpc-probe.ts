import { BusClient } from '@broadsheet/messaging';
import { startSuite } from '../../test/e2e/support/suite';
import { signUp } from '../../test/e2e/support/accounts';
import { apiClient } from '../../test/e2e/support/http';

async function main() {
  const suite = await startSuite({ label: 'probe', env: { LOG_LEVEL: 'warn' } });
  const api = apiClient(suite.api);
  const a = await signUp(api, 'p');
  const art = (await api.post('/articles', { article: { title: 'Probe', description: 'd', body: 'b '.repeat(500), tagList: ['x', 'y'] } }, { token: a.token })).body.article;
  const client = new BusClient(suite.gateway.bus);
  const time = async (label: string, fn: () => Promise<unknown>, n = 500) => {
    for (let i = 0; i < 50; i++) await fn();
    const t = performance.now();
    for (let i = 0; i < n; i++) await fn();
    console.log(label, ((performance.now() - t) / n).toFixed(3), 'ms');
  };
  const userId = JSON.parse(Buffer.from(a.token.split('.')[1], 'base64url').toString()).sub;
  await time('articles.get', () => client.request('articles.get', { actor: null, slug: art.slug }));
  await time('articles.list', () => client.request('articles.list', { actor: null, query: { limit: 20 } }));
  await time('users.get-profiles', () => client.request('users.get-profiles', { viewerId: null, userIds: [userId] }));
  await time('comments.list', () => client.request('comments.list', { actor: null, slug: art.slug }));
  await time('users.health', () => client.request('users.health', undefined));
  await time('HTTP GET article', () => fetch(`${suite.api}/articles/${art.slug}`, { headers: { 'cache-control': 'no-cache', authorization: '' } }).then((r) => r.text()));
  await suite.close();
}
void main();
