import type { WireError } from '@broadsheet/contracts';

/** The body of every reply on an RPC subject. */
export type RpcReply<T = unknown> = { ok: true; data: T } | { ok: false; error: WireError };
