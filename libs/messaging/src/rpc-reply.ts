import type { WireError } from '@broadsheet/contracts';

/** The body of every reply on an RPC subject. */
export type RpcReply<T = unknown> = { ok: true; data: T } | { ok: false; error: WireError };

/** How every successful reply begins: `JSON.stringify` writes `ok` before `data`, as the server builds it. */
export const OK_REPLY_PREFIX = '{"ok":true,"data":';

/** JSON text that encodes a `T`: the brand tells the shape; the text is passed on unparsed. */
export type JsonText<T> = string & { readonly __encodes?: T };

/** The same as the UTF-8 bytes that came off the wire: passed on undecoded as well as unparsed. */
export type JsonBytes<T> = Buffer & { readonly __encodes?: T };

/**
 * A handler's result already rendered as JSON text (by Postgres, say): the bus server sends it
 * as the reply's `data` as it is, without parsing or serialising it again. The requester sees the
 * `T` it encodes, as from any other handler.
 */
export class RenderedJson<T> {
  constructor(readonly text: JsonText<T>) {}
}

/** The text of a successful reply carrying `data`. */
export function okReply(data: unknown): string {
  return data instanceof RenderedJson ? `${OK_REPLY_PREFIX}${data.text}}` : JSON.stringify({ ok: true, data: data ?? null } satisfies RpcReply);
}
