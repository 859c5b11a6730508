import { DeliverPolicy } from '@nats-io/jetstream';
import type { Envelope } from '@broadsheet/contracts';
import type { TransactionHost } from '@broadsheet/database';
import type { BusConnection } from '@broadsheet/messaging';
import { IndexChangeNotifier } from '../repositories/index-change.notifier';
import { ArticleRepository } from '../repositories/article.repository';
import { AuthorRepository } from '../repositories/author.repository';
import { EngagementRepository } from '../repositories/engagement.repository';
import { FollowRepository } from '../repositories/follow.repository';
import { IndexProjection, PROJECTED_EVENTS, type ProjectedEnvelope } from './index-projection.service';

/** Events applied per transaction while replaying. */
export const REBUILD_BATCH = 500;
/** Tables rebuilt from the stream (never the inbox or the outbox). */
const REPLICA_TABLES = ['article', 'author', 'engagement', 'follow'];

export interface RebuildProgress {
  read: number;
  applied: number;
  total: number;
}

/** The projection the durable consumer uses, wired by hand for a process without Nest. */
export function projectionFor(tx: TransactionHost): IndexProjection {
  return new IndexProjection(
    new ArticleRepository(tx),
    new AuthorRepository(tx),
    new EngagementRepository(tx),
    new FollowRepository(tx),
    new IndexChangeNotifier(tx),
  );
}

/**
 * Rebuilds the recommendations replicas from the event stream, which keeps the full history:
 * empties them, then replays every event up to the stream's last sequence (read after the
 * emptying) through the same projection the durable consumer uses. A running service may go
 * on consuming meanwhile: every write is versioned by event time, so the replay and the live
 * consumer converge whatever their interleaving. Running replicas reload their index at the end.
 */
export async function rebuildFromStream(
  tx: TransactionHost,
  bus: BusConnection,
  onProgress: (progress: RebuildProgress) => void = () => undefined,
): Promise<RebuildProgress> {
  const projection = projectionFor(tx);
  const notifier = new IndexChangeNotifier(tx);
  const { stream, eventsPrefix } = bus.options;
  await tx.run((m) => m.query(`TRUNCATE ${REPLICA_TABLES.join(', ')}`));
  const total = (await bus.jsm.streams.info(stream)).state.last_seq;
  const progress: RebuildProgress = { read: 0, applied: 0, total };
  if (total > 0) {
    const consumer = await bus.js.consumers.get(stream, { filter_subjects: `${eventsPrefix}.>`, deliver_policy: DeliverPolicy.All });
    // Nothing to replay (only dead letters, say): consume() would wait for ever.
    const nothing = (await consumer.info()).num_pending === 0;
    const messages = await consumer.consume();
    if (nothing) await messages.close();
    const projected = new Set<string>(PROJECTED_EVENTS);
    let batch: ProjectedEnvelope[] = [];
    const flush = async () => {
      const applying = batch;
      batch = [];
      await tx.run(async () => {
        for (const envelope of applying) await projection.apply(envelope);
      });
      progress.applied += applying.length;
      onProgress(progress);
    };
    for await (const msg of messages) {
      progress.read = msg.seq;
      const type = msg.subject.slice(eventsPrefix.length + 1);
      if (projected.has(type)) {
        const envelope = msg.json<Envelope>();
        if (envelope?.type === type) batch.push(envelope as ProjectedEnvelope);
      }
      if (batch.length >= REBUILD_BATCH) await flush();
      if (msg.seq >= total || msg.info.pending === 0) break;
    }
    await flush();
    await messages.close();
  }
  await tx.run(() => notifier.announce({ kind: 'reload' }));
  return progress;
}
