import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { ArticlePublishedV1, EventMap, EventType, ServiceName } from '@broadsheet/contracts';
import { createEnvelope, eventSubject, type EventEnvelope } from '@broadsheet/messaging';

const PRODUCERS: Record<string, ServiceName> = { articles: 'articles', comments: 'comments', users: 'users' };

/** Publishes event envelopes straight to a test run's JetStream subjects, as their producers would. */
export class EventPublisher {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly eventsPrefix: string,
  ) {}

  static async connect(natsUrl: string, eventsPrefix: string): Promise<EventPublisher> {
    const nc = await connect({ servers: natsUrl });
    return new EventPublisher(nc, jetstream(nc), eventsPrefix);
  }

  /** Wraps and publishes one event; `time` is its commit time (the version the replicas keep). */
  async publish<T extends EventType>(type: T, subject: string, data: EventMap[T], time: Date = new Date()): Promise<EventEnvelope<T>> {
    const envelope = createEnvelope(PRODUCERS[type.split('.')[0]], type, subject, data, time);
    await this.publishEnvelope(envelope);
    return envelope;
  }

  /** Publishes an envelope as is; a different `msgId` gets past the stream's duplicate window. */
  async publishEnvelope(envelope: EventEnvelope<EventType>, msgId: string = envelope.id): Promise<void> {
    await this.js.publish(eventSubject({ eventsPrefix: this.eventsPrefix }, envelope.type), JSON.stringify(envelope), { msgID: msgId });
  }

  close(): Promise<void> {
    return this.nc.close();
  }
}

/** A published article with defaults; its slug is derived from the title. */
export function publishedArticle(overrides: Partial<ArticlePublishedV1> & { title: string }): ArticlePublishedV1 {
  const at = new Date().toISOString();
  return {
    articleId: randomUUID(),
    slug: overrides.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
    description: '',
    body: '',
    tags: [],
    section: null,
    authorId: 'author-1',
    digitalSourceType: 'humanEdits',
    publishedAt: at,
    updatedAt: at,
    ...overrides,
  };
}
