import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProfileView } from '@broadsheet/contracts';
import { AuthorRefs } from './author-splice';

/** The refs' view of JSON text: the service's reply arrives as UTF-8 bytes and leaves as bytes. */
const authorIdsIn = (json: string) => new AuthorRefs(Buffer.from(json)).ids();
const spliceAuthors = (json: string, found: Record<string, ProfileView>, orElse: (usernameJson: string | undefined) => string) =>
  new AuthorRefs(Buffer.from(json)).splice(found, orElse).toString();

const ANA = '0b6f1c2e-1111-4a4a-8888-000000000001';
const BEN = '0b6f1c2e-2222-4a4a-8888-000000000002';
const GONE = '0b6f1c2e-3333-4a4a-8888-000000000003';
const profiles: Record<string, ProfileView> = {
  [ANA]: { username: 'ana', bio: 'Reports on "ports"', image: null, following: true },
  [BEN]: { username: 'ben', bio: null, image: 'https://example.com/ben.png', following: false },
};
const fallback = (username = '""') => `{"username":${username},"bio":null,"image":null,"following":false}`;

/** What the gateway would send had it parsed the text and attached authors object by object. */
function byObjects(json: string): unknown {
  return JSON.parse(json, function (this: Record<string, unknown>, key, value) {
    if (value && typeof value === 'object' && 'authorId' in value) {
      const { authorId, authorUsername, ...rest } = value as Record<string, unknown>;
      const author = (typeof authorId === 'string' && profiles[authorId]) || JSON.parse(fallback(authorUsername === undefined ? undefined : JSON.stringify(authorUsername)));
      return { ...rest, author };
    }
    return value;
  });
}

describe('spliceAuthors', () => {
  const list = JSON.stringify({
    articles: [
      { slug: 'a', title: 'Mentions "authorId":"' + BEN + '" in its title', authorId: ANA, authorUsername: 'ana' },
      { slug: 'b', title: 'Second by ana', authorId: ANA, authorUsername: 'ana' },
      { slug: 'c', title: 'By ben', authorId: BEN, authorUsername: 'ben' },
      { slug: 'd', title: 'By someone the users service no longer knows', authorId: GONE, authorUsername: 'old "name"' },
    ],
    articlesCount: 4,
  });

  it('finds each referenced author once, and none quoted inside a string', () => {
    assert.deepEqual(authorIdsIn(list), [ANA, BEN, GONE]);
  });

  it('gives the same document as attaching authors to parsed objects, the author where the id was', () => {
    const spliced = spliceAuthors(list, profiles, fallback);
    assert.deepEqual(JSON.parse(spliced), byObjects(list));
    const first = JSON.parse(spliced).articles[0] as Record<string, unknown>;
    assert.deepEqual(Object.keys(first), ['slug', 'title', 'author']);
    assert.equal(first.title, 'Mentions "authorId":"' + BEN + '" in its title');
  });

  it('falls back for a missing profile, a null author and a reference without a username', () => {
    const comments = JSON.stringify({ comments: [{ id: 1, authorId: null }, { id: 2, authorId: GONE }, { id: 3, authorId: BEN }] });
    const spliced = JSON.parse(spliceAuthors(comments, profiles, () => '{"username":"[deleted]"}')) as { comments: Array<{ author: unknown }> };
    assert.deepEqual(
      spliced.comments.map((c) => c.author),
      [{ username: '[deleted]' }, { username: '[deleted]' }, profiles[BEN]],
    );
  });
});

describe('author references', () => {
  it('are found only as members: not inside strings, whatever they escape, nor with a value that is not an id', () => {
    const tricky = JSON.stringify({
      items: [
        { body: 'ends with a backslash \\', authorId: ANA, authorUsername: 'back\\slash "quoted"' },
        { body: '"authorId":null and "authorId":"' + GONE + '"', authorId: null },
        { note: 'not an id', authorId: 'ANA' },
        { authorId: BEN },
      ],
    });
    assert.deepEqual(authorIdsIn(tricky), [ANA, BEN]);
    const spliced = JSON.parse(spliceAuthors(tricky, profiles, fallback)) as { items: Array<Record<string, unknown>> };
    assert.deepEqual(spliced.items, [
      { body: 'ends with a backslash \\', author: profiles[ANA] },
      { body: '"authorId":null and "authorId":"' + GONE + '"', author: JSON.parse(fallback()) },
      { note: 'not an id', authorId: 'ANA' },
      { author: profiles[BEN] },
    ]);
  });

  it('give the parsed result for every pairing of awkward text around and inside them', () => {
    const awkward = ['', 'plain', 'a "quote"', 'back\\', '\\"', '"authorId":"' + BEN + '"', '"authorId":null,"authorUsername":"x"', ',"authorUsername":"', 'ünï 😀', '“curly” — it’s'];
    for (const text of awkward) {
      for (const username of awkward) {
        const doc = JSON.stringify({
          items: [
            { text, authorId: ANA, authorUsername: username },
            { authorId: GONE, authorUsername: username, text },
            { authorId: null, authorUsername: username },
            { [text]: username, authorId: BEN },
          ],
          [username]: text,
        });
        assert.deepEqual(JSON.parse(spliceAuthors(doc, profiles, fallback)), byObjects(doc), doc);
        assert.deepEqual(authorIdsIn(doc), [ANA, GONE, BEN], doc);
      }
    }
  });

  it('leaves text without references as it is', () => {
    const text = JSON.stringify({ comments: [], commentsCount: 0 });
    assert.equal(spliceAuthors(text, profiles, fallback), text);
  });
});
