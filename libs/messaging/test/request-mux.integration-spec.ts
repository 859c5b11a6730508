import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { NoRespondersError, RequestMux, RequestTimeoutError } from '@broadsheet/messaging';
import { runId, testInfrastructure } from '@broadsheet/testing';

describe('RequestMux: request/reply on one inbox (real NATS)', () => {
  let server: NatsConnection;
  let client: NatsConnection;
  let mux: RequestMux;
  const prefix = `mux-${runId()}`;

  before(async () => {
    const { natsUrl } = await testInfrastructure();
    server = await connect({ servers: natsUrl });
    client = await connect({ servers: natsUrl });
    mux = new RequestMux(client);
    server.subscribe(`${prefix}.echo`, { callback: (_error, msg) => void msg.respond(`echo:${msg.string()}`) });
    // Answers after a delay given in the request, so replies come back out of order.
    server.subscribe(`${prefix}.slow`, {
      callback: (_error, msg) => void setTimeout(() => msg.respond(msg.string()), Number(msg.string())),
    });
    server.subscribe(`${prefix}.silent`, { callback: () => undefined });
    await server.flush();
  });

  after(async () => {
    await server?.close();
    await client?.close();
  });

  it('matches every reply to its request, out of order and many at once', async () => {
    const delays = Array.from({ length: 50 }, (_, i) => String((i * 7) % 23));
    const replies = await Promise.all(delays.map((delay) => mux.request(`${prefix}.slow`, delay, { timeoutMs: 2000 })));
    assert.deepEqual(replies.map((r) => r.string()), delays);
    assert.equal((await mux.request(`${prefix}.echo`, 'hello', { timeoutMs: 2000 })).string(), 'echo:hello');
    assert.equal(mux.inFlight, 0);
  });

  it('fails at once with NoRespondersError when nobody serves the subject', async () => {
    const started = Date.now();
    await assert.rejects(mux.request(`${prefix}.nobody`, 'x', { timeoutMs: 5000 }), NoRespondersError);
    assert.ok(Date.now() - started < 1000, 'well before the time-out');
  });

  it('fails with RequestTimeoutError when the reply does not come in time, and ignores a late one', async () => {
    await assert.rejects(mux.request(`${prefix}.silent`, 'x', { timeoutMs: 100 }), RequestTimeoutError);
    await assert.rejects(mux.request(`${prefix}.slow`, '300', { timeoutMs: 50 }), RequestTimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 350)); // the late reply arrives and is dropped
    assert.equal(mux.inFlight, 0);
  });

  it('fails the requests in flight when the connection closes', async () => {
    const { natsUrl } = await testInfrastructure();
    const closing = await connect({ servers: natsUrl });
    const own = new RequestMux(closing);
    const waiting = own.request(`${prefix}.silent`, 'x', { timeoutMs: 10_000 });
    await closing.flush();
    await closing.close();
    await assert.rejects(waiting, /closed/);
  });
});
