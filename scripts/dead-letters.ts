import { headers as natsHeaders, connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { BusConfig } from '@broadsheet/messaging';
import { loadConfig } from '@broadsheet/platform';

/*
 * Dead letters on the events stream: `list` shows them, `replay <seq>` publishes one again on
 * its original subject so the consumer that gave up gets another go. Every other consumer
 * receives it too and skips it: their inboxes already hold its event id.
 *   npm run dead-letters -- list
 *   npm run dead-letters -- replay 1234
 * Reads NATS_URL, EVENTS_STREAM and EVENTS_SUBJECT_PREFIX like the services.
 */

/** One dead letter as `list` shows it. */
export interface DeadLetter {
  seq: number;
  subject: string;
  time: string;
  eventId: string;
  consumer: string;
  deliveries: string;
  reason: string;
  originalSubject: string;
}

type Bus = Pick<BusConfig, 'EVENTS_STREAM' | 'EVENTS_SUBJECT_PREFIX'>;

const DEAD_LETTER_HEADERS = ['x-dead-letter-reason', 'x-dead-letter-consumer', 'x-dead-letter-deliveries', 'x-original-subject', 'x-original-sequence'];

/** Every dead letter in the stream, oldest first. */
export async function listDeadLetters(nc: NatsConnection, bus: Bus): Promise<DeadLetter[]> {
  const jsm = await jetstreamManager(nc);
  const filter = `${bus.EVENTS_SUBJECT_PREFIX}-dlq.>`;
  const info = await jsm.streams.info(bus.EVENTS_STREAM, { subjects_filter: filter });
  const total = Object.values(info.state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
  if (total === 0) return [];
  const consumer = await jetstream(nc).consumers.get(bus.EVENTS_STREAM, { filter_subjects: filter });
  const found: DeadLetter[] = [];
  while (found.length < total) {
    const batch = await consumer.fetch({ max_messages: Math.min(total - found.length, 500), expires: 2000 });
    let got = 0;
    for await (const msg of batch) {
      got++;
      const h = (name: string) => msg.headers?.get(name) ?? '';
      found.push({
        seq: msg.seq,
        subject: msg.subject,
        time: new Date(msg.info.timestampNanos / 1e6).toISOString(),
        eventId: h('ce-id'),
        consumer: h('x-dead-letter-consumer'),
        deliveries: h('x-dead-letter-deliveries'),
        reason: h('x-dead-letter-reason'),
        originalSubject: h('x-original-subject'),
      });
    }
    if (got === 0) break;
  }
  return found;
}

/**
 * Publishes the dead letter at `seq` again on its original subject, with its original
 * headers and a fresh message id (the original id may still be inside the duplicate window).
 */
export async function replayDeadLetter(nc: NatsConnection, bus: Bus, seq: number): Promise<{ subject: string; seq: number }> {
  const jsm = await jetstreamManager(nc);
  const stored = await jsm.streams.getMessage(bus.EVENTS_STREAM, { seq });
  if (!stored || !stored.subject.startsWith(`${bus.EVENTS_SUBJECT_PREFIX}-dlq.`)) {
    throw new Error(`stream ${bus.EVENTS_STREAM} has no dead letter at sequence ${seq}`);
  }
  const subject = stored.header.get('x-original-subject');
  if (!subject) throw new Error(`dead letter ${seq} has no x-original-subject header`);
  const h = natsHeaders();
  for (const key of stored.header.keys()) {
    if (DEAD_LETTER_HEADERS.includes(key) || key.startsWith('Nats-')) continue;
    for (const value of stored.header.values(key)) h.append(key, value);
  }
  h.set('x-replayed-from', String(seq));
  const ack = await jetstream(nc).publish(subject, stored.data, { headers: h, msgID: `${stored.header.get('ce-id') || seq}:replay:${seq}` });
  return { subject, seq: ack.seq };
}

async function main(argv: string[]): Promise<void> {
  const config = loadConfig(BusConfig);
  const nc = await connect({ servers: config.NATS_URL.split(',') });
  try {
    const [command, arg] = argv;
    if (command === 'list') {
      const letters = await listDeadLetters(nc, config);
      for (const l of letters) {
        console.log(`${l.seq}\t${l.time}\t${l.consumer}\t${l.originalSubject}\tevent ${l.eventId}\tafter ${l.deliveries} deliveries: ${l.reason}`);
      }
      console.log(`${letters.length} dead letter(s) in ${config.EVENTS_STREAM}`);
    } else if (command === 'replay' && /^\d+$/.test(arg ?? '')) {
      const replayed = await replayDeadLetter(nc, config, Number(arg));
      console.log(`replayed dead letter ${arg} on ${replayed.subject} (stream sequence ${replayed.seq})`);
    } else {
      console.error('usage: npm run dead-letters -- list | replay <stream sequence>');
      process.exitCode = 2;
    }
  } finally {
    await nc.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
