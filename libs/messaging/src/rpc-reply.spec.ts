import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OK_REPLY_PREFIX, okReply, RenderedJson, type RpcReply } from './rpc-reply';

describe('okReply', () => {
  it('sends rendered JSON as the data it encodes, byte for byte, and reads back like a serialised value', () => {
    const page = { articles: [{ slug: 'a "quoted" slug', tagList: ['x'] }], articlesCount: 1 };
    const rendered = okReply(new RenderedJson(JSON.stringify(page)));
    assert.equal(rendered, okReply(page));
    assert.ok(rendered.startsWith(OK_REPLY_PREFIX));
    assert.deepEqual(JSON.parse(rendered) as RpcReply, { ok: true, data: page });
  });

  it('answers null for a handler that returned nothing', () => {
    assert.deepEqual(JSON.parse(okReply(undefined)), { ok: true, data: null });
  });
});
