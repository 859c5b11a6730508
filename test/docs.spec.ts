import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ArticlesConfig } from '../apps/articles/src/config/articles.config';
import { CommentsConfig } from '../apps/comments/src/config/comments.config';
import { GatewayConfig } from '../apps/gateway/src/config/gateway.config';
import { RecommendationsConfig } from '../apps/recommendations/src/config/recommendations.config';
import { UsersConfig } from '../apps/users/src/config/users.config';

const ROOT = join(__dirname, '..', '..');

describe('docs match the code', () => {
  it('docs/operations.md documents every configuration variable of every process', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8');
    const missing: string[] = [];
    for (const Config of [UsersConfig, ArticlesConfig, CommentsConfig, RecommendationsConfig, GatewayConfig]) {
      for (const variable of Object.keys(new Config())) {
        if (!doc.includes(`\`${variable}\``)) missing.push(`${Config.name}.${variable}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('the README links every document in docs/', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const docs = readdirSync(join(ROOT, 'docs'), { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
    assert.ok(docs.includes('api.md'), 'the documents are read from docs/');
    assert.deepEqual(docs.filter((d) => !readme.includes(`docs/${d}`)), []);
  });
});
