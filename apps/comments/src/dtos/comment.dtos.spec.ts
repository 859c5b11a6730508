import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError, parseDto } from '@broadsheet/messaging';
import { CreateCommentDto, parseCreateComment } from './comment.dtos';

const outcome = (promise: Promise<CreateCommentDto>) =>
  promise.then(
    (dto) => ({ ok: true, instance: dto instanceof CreateCommentDto, fields: { ...dto } }),
    (error: DomainError) => ({ ok: false, code: error.code, fields: error.fields }),
  );

describe('parseCreateComment', () => {
  it('takes and refuses exactly what parseDto does, with the same fields and messages', async () => {
    const payloads: unknown[] = [
      { body: 'Hello' },
      { body: 'Reply', parentId: 7 },
      { body: '  padded  ' },
      { body: 'x'.repeat(5000) },
      { body: '😀'.repeat(5000) },
      { body: 'x'.repeat(5001) },
      { body: '' },
      { body: '   ' },
      { body: 'nul \u0000 inside' },
      { body: 42 },
      {},
      { body: 'ok', parentId: 0 },
      { body: 'ok', parentId: -3 },
      { body: 'ok', parentId: 1.5 },
      { body: 'ok', parentId: '7' },
      { body: 'ok', parentId: null },
      { body: 'ok', extra: true },
      { body: 'ok', parentId: 2, author: 'me' },
      null,
      'body',
      [{ body: 'ok' }],
    ];
    for (const payload of payloads) {
      assert.deepEqual(await outcome(parseCreateComment(payload)), await outcome(parseDto(CreateCommentDto, payload)), JSON.stringify(payload));
    }
  });
});
