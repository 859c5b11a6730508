import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TransactionHost } from '@broadsheet/database';
import { AuthorLookups } from './author.lookups';
import type { AuthorProfile, AuthorRepository } from './author.repository';

/** An authors replica in memory that records the ids each statement asked for. */
function replica(known: string[]) {
  const statements: string[][] = [];
  const authors = {
    async findByIds(ids: string[]): Promise<Map<string, AuthorProfile>> {
      statements.push(ids);
      await new Promise((resolve) => setTimeout(resolve, 2));
      return new Map(ids.filter((id) => known.includes(id)).map((id) => [id, { username: `name-${id}`, bio: null, image: null }]));
    },
  } as unknown as AuthorRepository;
  const tx = { outside: <T>(work: () => T) => work() } as unknown as TransactionHost;
  return { lookups: new AuthorLookups(authors, tx), statements };
}

describe('AuthorLookups', () => {
  it('asks once for the union of the ids of the reads that queued together, and answers each', async () => {
    const { lookups, statements } = replica(['a', 'b', 'c']);
    const [first, second, third, none] = await Promise.all([
      lookups.byIds(['a']),
      lookups.byIds(['b', 'c']),
      lookups.byIds(['c', 'x']),
      lookups.byIds([]),
    ]);
    assert.deepEqual(statements, [['a'], ['b', 'c', 'x']]);
    assert.equal(first.get('a')?.username, 'name-a');
    assert.deepEqual([second.get('b')?.username, second.get('c')?.username], ['name-b', 'name-c']);
    assert.deepEqual([third.get('c')?.username, third.has('x')], ['name-c', false], 'unknown ids are left out');
    assert.equal(none.size, 0);
  });
});
