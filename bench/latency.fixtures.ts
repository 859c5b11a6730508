import { Controller, Injectable, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ARTICLE_FAVORITED_V1, type ArticleFavoritedV1, type Envelope } from '@broadsheet/contracts';
import { TransactionHost } from '@broadsheet/database';
import type { DomainServiceDefinition } from '@broadsheet/messaging';
import { ProbeTables1764100000001 } from '../libs/messaging/test/fixtures/probe.services';

/** Postgres channel on which the bench hears that an event's handler transaction committed. */
export const APPLIED_CHANNEL = 'bench_event_applied';

/**
 * The probe consumer's tally, plus a NOTIFY carrying the event id: Postgres delivers it only
 * when the handler's transaction (tally row and inbox mark) commits, which is the moment the
 * subscriber has applied the event.
 */
@Injectable()
export class AppliedTally {
  constructor(private readonly tx: TransactionHost) {}

  async apply(event: Envelope<typeof ARTICLE_FAVORITED_V1, ArticleFavoritedV1>): Promise<void> {
    await this.tx.manager.query(
      `WITH tally AS (
         INSERT INTO probe_tally (article_id, applied) VALUES ($1, 1)
         ON CONFLICT (article_id) DO UPDATE SET applied = probe_tally.applied + 1 RETURNING 1)
       SELECT pg_notify($2, $3) FROM tally`,
      [event.data.articleId, APPLIED_CHANNEL, event.subject],
    );
  }
}

@Controller()
export class AppliedTallyConsumer {
  constructor(private readonly tally: AppliedTally) {}

  @EventPattern<string>(ARTICLE_FAVORITED_V1)
  onFavorited(@Payload() event: Envelope<typeof ARTICLE_FAVORITED_V1, ArticleFavoritedV1>) {
    return this.tally.apply(event);
  }
}

@Module({ controllers: [AppliedTallyConsumer], providers: [AppliedTally] })
export class AppliedTallyModule {}

/** The subscribing service of the latency bench. */
export const LATENCY_CONSUMER: DomainServiceDefinition = {
  name: 'recommendations',
  module: AppliedTallyModule,
  entities: [],
  migrations: [ProbeTables1764100000001],
};
