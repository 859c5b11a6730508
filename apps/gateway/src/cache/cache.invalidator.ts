import { Logger } from '@nestjs/common';
import type { Subscription } from '@nats-io/transport-node';
import {
  ARTICLE_DELETED_V1,
  ARTICLE_PUBLISHED_V1,
  ARTICLE_UPDATED_V1,
  type Envelope,
  type EventMap,
  type EventType,
} from '@broadsheet/contracts';
import type { BusConnection } from '@broadsheet/messaging/client';
import type { GatewayMetrics } from '../metrics/gateway.metrics';
import type { ProfileLookup } from '../services/profile.lookup';
import { tagsForEvent } from './cache-tags';
import type { ResponseCache } from './response-cache';

/**
 * Keeps the gateway's cache true: every gateway replica listens to every event on a plain
 * (non-durable) NATS subscription, since each holds its own cache. It hears each event twice:
 * when it is published (the owner's data changed) and again each time a service reports it
 * applied (`<prefix>-applied.<consumer>.<type>`), since views that service derives from the event
 * (comments closing with their article, author names on articles) are only true from then on.
 * If the connection drops, events may have been missed, so the whole cache is dropped on reconnect.
 */
export class CacheInvalidator {
  private readonly logger = new Logger('CacheInvalidator');
  private readonly subscriptions: Subscription[] = [];
  /** Article id → current slug, learned from article events (comment events carry only the id). */
  private readonly slugs = new Map<string, string>();
  private stopped = false;

  constructor(
    private readonly bus: BusConnection,
    private readonly cache: ResponseCache,
    private readonly metrics: GatewayMetrics,
    private readonly profiles: ProfileLookup,
  ) {}

  start(): void {
    const { eventsPrefix } = this.bus.options;
    // `<prefix>.<type>` and `<prefix>-applied.<consumer>.<type>`: the type starts after 1 or 2 tokens.
    this.listen(`${eventsPrefix}.>`, eventsPrefix.split('.').length);
    this.listen(`${eventsPrefix}-applied.>`, eventsPrefix.split('.').length + 1);
    void this.watchReconnects();
  }

  stop(): void {
    this.stopped = true;
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  private listen(subject: string, tokensBeforeType: number): void {
    const subscription = this.bus.nc.subscribe(subject, {
      callback: (error, msg) => {
        if (error) return;
        try {
          const type = msg.subject.split('.').slice(tokensBeforeType).join('.') as EventType;
          this.apply(type, msg.json<Envelope>());
        } catch (e) {
          this.logger.warn(`Unreadable event on ${msg.subject}: ${(e as Error).message}`);
          this.cache.clear();
          this.profiles.clear();
        }
      },
    });
    this.subscriptions.push(subscription);
  }

  apply<T extends EventType>(type: T, envelope: Envelope): void {
    const data = envelope.data as EventMap[T];
    if (type === ARTICLE_PUBLISHED_V1 || type === ARTICLE_UPDATED_V1) {
      const { articleId, slug } = data as EventMap[typeof ARTICLE_PUBLISHED_V1];
      this.slugs.set(articleId, slug);
    }
    if (type.startsWith('users.user.')) {
      const { userId } = data as { userId?: string };
      if (userId) this.profiles.forget(userId);
    }
    const tags = tagsForEvent(type, data, (id) => this.slugs.get(id));
    if (type === ARTICLE_DELETED_V1) this.slugs.delete((data as EventMap[typeof ARTICLE_DELETED_V1]).articleId);
    if (tags.length === 0) return;
    this.metrics.cacheInvalidations.inc({ cause: 'event' }, this.cache.invalidate(tags));
    this.metrics.cacheEntries.set(this.cache.size);
    this.metrics.cacheBytes.set(this.cache.bytes);
  }

  private async watchReconnects(): Promise<void> {
    for await (const status of this.bus.nc.status()) {
      if (this.stopped) return;
      if (status.type === 'reconnect') {
        this.cache.clear();
        this.profiles.clear();
      }
    }
  }
}
