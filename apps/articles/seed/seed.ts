import { SEED_ARTICLES, SEED_COMMENTS, SEED_FAVORITES, SEED_FOLLOWS, SEED_USERS, type SeedArticle } from './seed.content';

/** Where the seed sends its requests unless SEED_API_URL says otherwise. */
export const DEFAULT_SEED_API_URL = 'http://127.0.0.1:3000/api';
/** Demo accounts' password unless SEED_PASSWORD says otherwise. */
export const DEFAULT_SEED_PASSWORD = 'broadsheet demo password';

export interface SeedOptions {
  apiUrl: string;
  password: string;
  log: (line: string) => void;
}

/** What a run did; a second run against the same data reports only `existing` and `unchanged`. */
export interface SeedReport {
  usersCreated: number;
  articlesCreated: number;
  followsAdded: number;
  favoritesAdded: number;
  commentsCreated: number;
  /** Why comments were skipped (the comments route answered 404 or 503), if they were. */
  commentsSkipped: string | null;
}

interface Response {
  status: number;
  body: any;
}

/**
 * Loads the demo newsroom through the gateway's public API, so every service's rules and events
 * apply. Idempotent: accounts are signed into when they exist, articles are matched by author
 * and title, follows and favorites are only added when missing, comments by author and text.
 */
export async function runSeed({ apiUrl, password, log }: SeedOptions): Promise<SeedReport> {
  const call = async (method: string, path: string, body?: unknown, token?: string): Promise<Response> => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Token ${token}`;
    const res = await fetch(`${apiUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const must = (res: Response, what: string, ok: number[] = [200, 201]): any => {
    if (!ok.includes(res.status)) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const report: SeedReport = { usersCreated: 0, articlesCreated: 0, followsAdded: 0, favoritesAdded: 0, commentsCreated: 0, commentsSkipped: null };

  log(`seed: loading demo content through ${apiUrl}`);
  const tokens = new Map<string, string>();
  for (const user of SEED_USERS) {
    const email = `${user.username}@example.com`;
    const login = await call('POST', '/users/login', { user: { email, password } });
    if (login.status === 200) {
      tokens.set(user.username, login.body.user.token);
      log(`seed: user ${user.username} exists`);
      continue;
    }
    const created = must(await call('POST', '/users', { user: { username: user.username, email, password } }), `registering ${user.username}`);
    must(await call('PUT', '/user', { user: { bio: user.bio } }, created.user.token), `setting ${user.username}'s bio`);
    tokens.set(user.username, created.user.token);
    report.usersCreated++;
    log(`seed: user ${user.username} registered`);
  }
  const token = (username: string) => tokens.get(username)!;

  for (const [follower, followee] of SEED_FOLLOWS) {
    const profile = must(await call('GET', `/profiles/${followee}`, undefined, token(follower)), `reading ${followee}'s profile`);
    if (profile.profile.following) continue;
    must(await call('POST', `/profiles/${followee}/follow`, undefined, token(follower)), `${follower} following ${followee}`);
    report.followsAdded++;
  }
  log(`seed: follows in place (${report.followsAdded} added)`);

  const slugs = new Map<string, string>();
  const byAuthor = new Map<string, Map<string, string>>();
  const existing = async (author: string) => {
    if (!byAuthor.has(author)) {
      const page = must(await call('GET', `/articles?author=${encodeURIComponent(author)}&limit=100`), `listing ${author}'s articles`);
      byAuthor.set(author, new Map(page.articles.map((a: { title: string; slug: string }) => [a.title, a.slug])));
    }
    return byAuthor.get(author)!;
  };
  for (const article of SEED_ARTICLES) {
    const found = (await existing(article.author)).get(article.title);
    if (found) {
      slugs.set(article.title, found);
      continue;
    }
    const res = await call('POST', '/articles', { article: toRequest(article) }, token(article.author));
    if (res.status === 403) {
      throw new Error(`${article.author} may not write articles (403): when ARTICLES_WRITE_ROLES is set, grant the demo accounts the author role first`);
    }
    const created = must(res, `creating "${article.title}"`);
    slugs.set(article.title, created.article.slug);
    report.articlesCreated++;
    log(`seed: article ${created.article.slug}${article.ai ? ' (AI-written)' : ''}`);
  }
  log(`seed: ${SEED_ARTICLES.length} articles in place (${report.articlesCreated} created)`);

  for (const [reader, title] of SEED_FAVORITES) {
    const slug = slugs.get(title)!;
    const current = must(await call('GET', `/articles/${slug}`, undefined, token(reader)), `reading ${slug}`);
    if (current.article.favorited) continue;
    must(await call('POST', `/articles/${slug}/favorite`, undefined, token(reader)), `${reader} favoriting ${slug}`);
    report.favoritesAdded++;
  }
  log(`seed: favorites in place (${report.favoritesAdded} added)`);

  for (const [author, title, body] of SEED_COMMENTS) {
    const slug = slugs.get(title)!;
    const thread = await call('GET', `/articles/${slug}/comments`, undefined, token(author));
    if (thread.status === 404 || thread.status === 503) {
      report.commentsSkipped = `GET /articles/:slug/comments answered ${thread.status}: the comments service is not deployed or not running, so comments were skipped (run the seed again once it is)`;
      log(`seed: ${report.commentsSkipped}`);
      break;
    }
    const comments: Array<{ body: string; author: { username: string } }> = must(thread, `reading comments on ${slug}`).comments;
    if (comments.some((c) => c.body === body && c.author.username === author)) continue;
    must(await call('POST', `/articles/${slug}/comments`, { comment: { body } }, token(author)), `commenting on ${slug}`);
    report.commentsCreated++;
  }
  if (!report.commentsSkipped) log(`seed: comments in place (${report.commentsCreated} created)`);
  log('seed: done');
  return report;
}

function toRequest(article: SeedArticle): Record<string, unknown> {
  const { author: _author, ai, ...fields } = article;
  return ai ? { ...fields, sources: ai.sources, provenance: { digitalSourceType: 'trainedAlgorithmicMedia', generator: ai.generator } } : fields;
}

if (require.main === module) {
  runSeed({
    apiUrl: (process.env.SEED_API_URL ?? DEFAULT_SEED_API_URL).replace(/\/$/, ''),
    password: process.env.SEED_PASSWORD ?? DEFAULT_SEED_PASSWORD,
    log: (line) => console.log(line),
  }).catch((error: Error) => {
    console.error(`seed: failed: ${error.message}`);
    process.exit(1);
  });
}
