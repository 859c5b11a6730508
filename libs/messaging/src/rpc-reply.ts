import type { WireError } from '@broadsheet/contracts';

/** The body of every reply on an RPC subject. */
export type RpcReply<T = unknown> = { ok: true; data: T } | { ok: false; error: WireError };

/** How every successful reply begins: `JSON.stringify` writes `ok` before `data`, as the server builds it. */
export const OK_REPLY_PREFIX = '{"ok":true,"data":';

/** JSON text that encodes a `T`: the brand tells the shape; the text is passed on unparsed. */
export type JsonText<T> = string & { readonly __encodes?: T };
