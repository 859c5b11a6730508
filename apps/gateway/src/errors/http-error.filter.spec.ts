import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotFoundException } from '@nestjs/common';
import { DomainError } from '@broadsheet/messaging';
import { toHttpError } from './http-error.filter';

describe('toHttpError', () => {
  it('maps a coded error to its status with its field errors', () => {
    const result = toHttpError(DomainError.invalid('title', "can't be blank"));
    assert.equal(result.status, 422);
    assert.equal(result.code, 'REQUEST.INVALID');
    assert.deepEqual(result.body, { errors: { title: ["can't be blank"] } });
  });

  it('names the aggregate when a coded error has no fields', () => {
    const result = toHttpError(new DomainError('ARTICLE.NOT_FOUND', 'article not found'));
    assert.equal(result.status, 404);
    assert.deepEqual(result.body, { errors: { article: ['article not found'] } });
  });

  it('passes Retry-After on rate limits', () => {
    const result = toHttpError(new DomainError('REQUEST.RATE_LIMITED', 'slow down', undefined, 7));
    assert.equal(result.status, 429);
    assert.equal(result.retryAfter, 7);
  });

  it('never shows an internal error message or stack', () => {
    const result = toHttpError(new TypeError("Cannot read properties of undefined (reading 'secret')"));
    assert.equal(result.status, 500);
    assert.deepEqual(result.body, { errors: { server: ['internal error'] } });
    assert.ok(!JSON.stringify(result.body).includes('secret'));
  });

  it('answers unknown routes in the same shape', () => {
    assert.deepEqual(toHttpError(new NotFoundException('Cannot GET /x')).body, { errors: { route: ['not found'] } });
  });
});
