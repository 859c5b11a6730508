import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { refusedFields } from '../../test/domain-error.assert';
import { nextLifecycle } from './lifecycle.rules';

const now = new Date('2026-03-01T10:00:00.000Z');
const later = '2026-03-01T12:00:00.000Z';
const earlier = '2026-03-01T08:00:00.000Z';

describe('nextLifecycle', () => {
  it('publishes a new article by default', () => {
    assert.deepEqual(nextLifecycle(null, {}, now), { status: 'published', publishedAt: now, scheduledAt: null });
  });

  it('keeps a draft unpublished', () => {
    assert.deepEqual(nextLifecycle(null, { status: 'draft' }, now), { status: 'draft', publishedAt: null, scheduledAt: null });
  });

  it('schedules from a future scheduledAt alone, and refuses a past or missing one', () => {
    assert.deepEqual(nextLifecycle(null, { scheduledAt: later }, now), { status: 'scheduled', publishedAt: null, scheduledAt: new Date(later) });
    assert.deepEqual(refusedFields(() => nextLifecycle(null, { scheduledAt: earlier }, now)), ['scheduledAt']);
    assert.deepEqual(refusedFields(() => nextLifecycle(null, { status: 'scheduled' }, now)), ['scheduledAt']);
  });

  it('refuses scheduledAt with another status', () => {
    assert.deepEqual(refusedFields(() => nextLifecycle(null, { status: 'draft', scheduledAt: later }, now)), ['scheduledAt']);
  });

  it('keeps the first publication date through archiving and republishing', () => {
    const first = new Date('2026-01-01T00:00:00.000Z');
    const archived = nextLifecycle({ status: 'published', publishedAt: first, scheduledAt: null }, { status: 'archived' }, now);
    assert.deepEqual(archived, { status: 'archived', publishedAt: first, scheduledAt: null });
    assert.deepEqual(nextLifecycle(archived, { status: 'published' }, now).publishedAt, first);
  });

  it('drops the schedule when a scheduled article is published by hand', () => {
    const scheduled = { status: 'scheduled' as const, publishedAt: null, scheduledAt: new Date(later) };
    assert.deepEqual(nextLifecycle(scheduled, { status: 'published' }, now), { status: 'published', publishedAt: now, scheduledAt: null });
  });

  it('lets other edits of a scheduled article through even once its time has passed', () => {
    const scheduled = { status: 'scheduled' as const, publishedAt: null, scheduledAt: new Date(earlier) };
    assert.equal(nextLifecycle(scheduled, {}, now).status, 'scheduled');
  });
});
