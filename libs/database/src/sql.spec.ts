import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { perLookup, rowsByLookup } from './sql';

describe('perLookup', () => {
  it('turns each parameter into an array of one element per lookup, and the statement into a LATERAL run per lookup', () => {
    const text = perLookup('SELECT x FROM t WHERE t.a = $2 AND t.b = $1::uuid LIMIT $3', [
      ['viewer', 'uuid'],
      ['slug', 'text'],
      ['lim', 'int'],
    ], 't.x DESC');
    assert.equal(
      text.replace(/\s+/g, ' '),
      'SELECT q.lookup, t.* FROM unnest($1::uuid[], $2::text[], $3::int[]) WITH ORDINALITY q(viewer, slug, lim, lookup) ' +
        'CROSS JOIN LATERAL (SELECT x FROM t WHERE t.a = q.slug AND t.b = q.viewer::uuid LIMIT q.lim) t ORDER BY q.lookup, t.x DESC',
    );
  });

  it('refuses a statement that uses a parameter it was not given', () => {
    assert.throws(() => perLookup('SELECT $1, $12', [['a', 'int']]), /\$12 has no parameter/);
  });
});

describe('rowsByLookup', () => {
  it('splits rows by the lookup they answer, with an empty array where none came', () => {
    const rows = [
      { lookup: '1', v: 'a' },
      { lookup: '1', v: 'b' },
      { lookup: '3', v: 'c' },
    ];
    assert.deepEqual(
      rowsByLookup(rows, 3).map((found) => found.map((r) => r.v)),
      [['a', 'b'], [], ['c']],
    );
  });
});
