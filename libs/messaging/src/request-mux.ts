import { createInbox, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from '@nats-io/transport-node';

/** No process listens on the subject (the service is down): NATS answered with status 503. */
export class NoRespondersError extends Error {
  constructor(readonly subject: string) {
    super(`no responders for ${subject}`);
    this.name = 'NoRespondersError';
  }
}

/** The reply did not come within the request's time. */
export class RequestTimeoutError extends Error {
  constructor(
    readonly subject: string,
    readonly timeoutMs: number,
  ) {
    super(`no reply from ${subject} within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

interface Pending {
  subject: string;
  resolve(msg: Msg): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Request/reply over one wildcard inbox subscription, like nats.js' own `request`, minus the
 * two Error objects (stack captures) nats.js builds for every request, answered or not, which
 * were a few per cent of the gateway's CPU. Replies are matched by the token that ends their
 * subject; a request that gets no reply in time fails with RequestTimeoutError, one to a
 * subject nobody serves with NoRespondersError (the server's 503 status), and every request in
 * flight fails at once when the connection closes.
 */
export class RequestMux {
  private readonly inbox: string;
  private readonly pending = new Map<string, Pending>();
  private subscription?: Subscription;
  private next = 0;

  constructor(private readonly nc: NatsConnection) {
    this.inbox = `${createInbox()}.`;
    void nc.closed().then(() => this.failAll(new Error('NATS connection closed')));
  }

  /** Publishes `payload` to `subject` with a reply inbox; resolves with the reply. */
  request(subject: string, payload: string | Uint8Array, options: { headers?: MsgHdrs; timeoutMs: number }): Promise<Msg> {
    this.subscription ??= this.nc.subscribe(`${this.inbox}*`, { callback: (error, msg) => this.onReply(error, msg) });
    const token = (this.next++).toString(36);
    return new Promise<Msg>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(token);
        reject(new RequestTimeoutError(subject, options.timeoutMs));
      }, options.timeoutMs);
      this.pending.set(token, { subject, resolve, reject, timer });
      try {
        this.nc.publish(subject, payload, { reply: this.inbox + token, headers: options.headers });
      } catch (error) {
        clearTimeout(timer);
        this.pending.delete(token);
        reject(error as Error);
      }
    });
  }

  /** Requests waiting for their reply (for tests and metrics). */
  get inFlight(): number {
    return this.pending.size;
  }

  private onReply(error: Error | null, msg: Msg): void {
    if (error) return this.failAll(error);
    const token = msg.subject.slice(this.inbox.length);
    const request = this.pending.get(token);
    if (!request) return; // answered after its time-out
    this.pending.delete(token);
    clearTimeout(request.timer);
    if (msg.data.length === 0 && msg.headers?.code === 503) request.reject(new NoRespondersError(request.subject));
    else request.resolve(msg);
  }

  private failAll(error: Error): void {
    for (const [token, request] of this.pending) {
      this.pending.delete(token);
      clearTimeout(request.timer);
      request.reject(error);
    }
  }
}
