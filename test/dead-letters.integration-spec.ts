import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { ARTICLE_FAVORITED_V1 } from '@broadsheet/contracts';
import { BusConfig, BusConnection, busOptionsFrom, deadLetterSubject, eventSubject } from '@broadsheet/messaging';
import { loadConfig } from '@broadsheet/platform';
import { deleteStream, isolatedBusEnv, testInfrastructure } from '@broadsheet/testing';
import { listDeadLetters, replayDeadLetter } from '../scripts/dead-letters';

describe('dead-letter tool (scripts/dead-letters.ts)', () => {
  let bus: BusConnection;
  let config: BusConfig;
  const options = { eventsPrefix: '' };

  before(async () => {
    const infra = await testInfrastructure();
    config = loadConfig(BusConfig, { ...isolatedBusEnv(), NATS_URL: infra.natsUrl });
    options.eventsPrefix = config.EVENTS_SUBJECT_PREFIX;
    bus = await BusConnection.connect(busOptionsFrom(config, 'gateway'));
  });
  after(async () => {
    await bus.drain();
    await deleteStream(config.NATS_URL, config.EVENTS_STREAM);
  });

  it('lists a dead letter and replays it on its original subject without the dead-letter headers', async () => {
    const original = eventSubject(options, ARTICLE_FAVORITED_V1);
    const event = await bus.js.publish(original, JSON.stringify({ id: 'e-1', type: ARTICLE_FAVORITED_V1 }), { msgID: 'e-1' });
    const h = natsHeaders();
    h.set('ce-id', 'e-1');
    h.set('ce-type', ARTICLE_FAVORITED_V1);
    h.set('x-dead-letter-reason', 'boom');
    h.set('x-dead-letter-consumer', 'recommendations');
    h.set('x-dead-letter-deliveries', '5');
    h.set('x-original-subject', original);
    h.set('x-original-sequence', String(event.seq));
    const body = JSON.stringify({ id: 'e-1', type: ARTICLE_FAVORITED_V1, data: { articleId: 'a' } });
    const letter = await bus.js.publish(deadLetterSubject(options, 'recommendations', ARTICLE_FAVORITED_V1), body, { headers: h, msgID: 'e-1:recommendations' });

    const listed = await listDeadLetters(bus.nc, config);
    assert.deepEqual(
      listed.map(({ seq, consumer, reason, eventId, originalSubject, deliveries }) => ({ seq, consumer, reason, eventId, originalSubject, deliveries })),
      [{ seq: letter.seq, consumer: 'recommendations', reason: 'boom', eventId: 'e-1', originalSubject: original, deliveries: '5' }],
    );

    const replayed = await replayDeadLetter(bus.nc, config, letter.seq);
    assert.equal(replayed.subject, original);
    const stored = await bus.jsm.streams.getMessage(config.EVENTS_STREAM, { seq: replayed.seq });
    assert.equal(stored?.subject, original);
    assert.equal(new TextDecoder().decode(stored!.data), body);
    assert.equal(stored!.header.get('ce-id'), 'e-1');
    assert.equal(stored!.header.get('x-replayed-from'), String(letter.seq));
    assert.equal(stored!.header.get('x-dead-letter-reason'), '');
  });

  it('refuses a sequence that is not a dead letter', async () => {
    const event = await bus.js.publish(eventSubject(options, ARTICLE_FAVORITED_V1), '{}', { msgID: 'e-2' });
    await assert.rejects(replayDeadLetter(bus.nc, config, event.seq), /has no dead letter at sequence/);
  });
});
