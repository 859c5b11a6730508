import { headers as natsHeaders, type Msg, type MsgHdrs } from '@nats-io/transport-node';
import type { RpcPattern, RpcRequest, RpcResponse } from '@broadsheet/contracts';
import { CONTEXT_HEADERS, currentContext } from '@broadsheet/platform';
import type { BusConnection } from './bus.connection';
import { rpcSubject } from './bus.options';
import { DomainError } from './domain.error';
import { NoRespondersError, RequestTimeoutError } from './request-mux';
import { OK_REPLY_PREFIX, type JsonBytes, type RpcReply } from './rpc-reply';

const OK_REPLY_BYTES = Buffer.from(OK_REPLY_PREFIX);

/** Told of every request's outcome (metrics); must not throw. */
export type RequestObserver = (pattern: string, seconds: number, error: DomainError | null) => void;

export interface RequestOptions {
  /** Overrides the bus-wide `rpcTimeoutMs` for this call. */
  timeoutMs?: number;
}

/**
 * Typed request/reply over NATS. Every call is bounded in time; "no responders" (the service is
 * down) and time-outs become `SERVICE.UNAVAILABLE` / `SERVICE.TIMEOUT` at once, and a coded
 * error from the service is re-thrown as the same `DomainError`.
 */
export class BusClient {
  constructor(
    private readonly bus: BusConnection,
    private readonly observe?: RequestObserver,
  ) {}

  async request<P extends RpcPattern>(pattern: P, data: RpcRequest<P>, options: RequestOptions = {}): Promise<RpcResponse<P>> {
    return this.exchange(pattern, data, options, (msg) => msg.json<RpcReply<RpcResponse<P>>>());
  }

  /**
   * Like `request`, but the answer comes back as the JSON the service sent, as UTF-8 bytes,
   * neither decoded nor parsed: for a gateway that passes a reply on rather than parsing it into
   * objects and serialising it again. The bytes are a copy: the message's may share memory with
   * the client's read buffer.
   */
  async requestJson<P extends RpcPattern>(pattern: P, data: RpcRequest<P>, options: RequestOptions = {}): Promise<JsonBytes<RpcResponse<P>>> {
    return this.exchange(pattern, data, options, (msg): RpcReply<JsonBytes<RpcResponse<P>>> => {
      const bytes = msg.data;
      const ok = bytes.length > OK_REPLY_BYTES.length && OK_REPLY_BYTES.every((byte, i) => bytes[i] === byte);
      return ok ? { ok: true, data: Buffer.from(bytes.subarray(OK_REPLY_BYTES.length, bytes.length - 1)) } : msg.json<RpcReply<never>>();
    });
  }

  private async exchange<P extends RpcPattern, R>(
    pattern: P,
    data: RpcRequest<P>,
    options: RequestOptions,
    decode: (msg: Msg) => RpcReply<R>,
  ): Promise<R> {
    const context = currentContext();
    const h = natsHeaders();
    if (context) {
      h.set(CONTEXT_HEADERS.requestId, context.requestId);
      h.set(CONTEXT_HEADERS.correlationId, context.correlationId);
      h.set(CONTEXT_HEADERS.causationId, context.causationId);
    }
    const service = pattern.split('.')[0];
    const started = performance.now();
    let reply: RpcReply<R>;
    try {
      const msg = await this.send(rpcSubject(this.bus.options, pattern), JSON.stringify(data ?? null), h, options.timeoutMs ?? this.bus.options.rpcTimeoutMs);
      reply = decode(msg);
    } catch (error) {
      const failure = this.transportError(error, service, pattern);
      this.observe?.(pattern, (performance.now() - started) / 1000, failure);
      throw failure;
    }
    const failure = reply.ok ? null : DomainError.fromWire(reply.error);
    this.observe?.(pattern, (performance.now() - started) / 1000, failure);
    if (failure) throw failure;
    return (reply as { data: R }).data;
  }

  /** Sends the request with the other writes of this loop turn (WriteBatcher); the timeout starts then. */
  private send(subject: string, payload: string, headers: MsgHdrs, timeout: number): Promise<Msg> {
    return new Promise<Msg>((resolve, reject) =>
      this.bus.writes.defer(() => {
        try {
          this.bus.requests.request(subject, payload, { headers, timeoutMs: timeout }).then(resolve, reject);
        } catch (error) {
          reject(error);
        }
      }),
    );
  }

  private transportError(error: unknown, service: string, pattern: string): DomainError {
    if (error instanceof NoRespondersError) return new DomainError('SERVICE.UNAVAILABLE', `The ${service} service is unavailable`);
    if (error instanceof RequestTimeoutError) return new DomainError('SERVICE.TIMEOUT', `The ${service} service did not answer in time`);
    return new DomainError('SERVICE.UNAVAILABLE', `Request ${pattern} failed: ${(error as Error)?.message ?? error}`);
  }
}
