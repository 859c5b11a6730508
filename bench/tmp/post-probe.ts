import { startSuite } from '../../test/e2e/support/suite';
import { signUp } from '../../test/e2e/support/accounts';
import { apiClient } from '../../test/e2e/support/http';

async function main() {
  const suite = await startSuite({ label: 'postprobe', env: { LOG_LEVEL: 'warn', COMMENTS_POST_INTERVAL_MS: '0', COMMENTS_DUPLICATE_WINDOW_SECONDS: '0', WRITE_RATE_LIMIT_PER_USER: '0', WRITE_RATE_LIMIT_PER_IP: '0' } });
  const api = apiClient(suite.api);
  const a = await signUp(api, 'p');
  const art = (await api.post('/articles', { article: { title: 'Probe', description: 'd', body: 'b', tagList: ['x'] } }, { token: a.token })).body.article;
  await new Promise((r) => setTimeout(r, 1000));
  const tally = new Map<string, number>();
  await Promise.all(Array.from({ length: 200 }, async (_, i) => {
    const res = await api.post(`/articles/${art.slug}/comments`, { comment: { body: `Thought ${i}` } }, { token: a.token });
    const key = `${res.status} ${res.status === 200 ? '' : JSON.stringify(res.body)}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }));
  console.log([...tally]);
  await suite.close();
}
void main();
