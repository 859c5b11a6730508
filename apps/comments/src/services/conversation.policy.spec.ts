import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closedReason, initialVisibility, secondsUntil } from './conversation.policy';

const now = new Date('2026-06-10T12:00:00Z');
const days = (n: number) => new Date(now.getTime() - n * 86_400_000);

describe('closedReason', () => {
  it('keeps a published article open, forever by default', () => {
    assert.equal(closedReason({ status: 'published', publishedAt: days(4000) }, now, 0), null);
  });

  it('closes archived, withdrawn and deleted articles, saying why', () => {
    assert.match(closedReason({ status: 'archived', publishedAt: days(1) }, now, 0)!, /archived/);
    assert.match(closedReason({ status: 'draft', publishedAt: null }, now, 0)!, /not published/);
    assert.match(closedReason({ status: 'scheduled', publishedAt: null }, now, 0)!, /not published/);
    assert.match(closedReason({ status: 'deleted', publishedAt: days(1) }, now, 0)!, /deleted/);
  });

  it('closes after the configured age', () => {
    assert.equal(closedReason({ status: 'published', publishedAt: days(29) }, now, 30), null);
    assert.match(closedReason({ status: 'published', publishedAt: days(31) }, now, 30)!, /30 days after publication/);
  });
});

describe('initialVisibility', () => {
  it('publishes clean comments in post-moderation and queues everything else', () => {
    assert.equal(initialVisibility({ outcome: 'accept' }, 'post'), 'visible');
    assert.equal(initialVisibility({ outcome: 'accept' }, 'pre'), 'pending');
    assert.equal(initialVisibility({ outcome: 'review', rule: 'link', match: 'x.com' }, 'post'), 'pending');
  });
});

describe('secondsUntil', () => {
  it('rounds up and never answers 0', () => {
    assert.equal(secondsUntil(new Date(now.getTime() - 500), 3000, now), 3);
    assert.equal(secondsUntil(new Date(now.getTime() - 2999), 3000, now), 1);
    assert.equal(secondsUntil(new Date(now.getTime() - 5000), 3000, now), 1);
  });
});
