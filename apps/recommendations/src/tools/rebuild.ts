import 'reflect-metadata';
import { createServiceDataSource, ensureDatabase, openServiceDataSource, TransactionHost } from '@broadsheet/database';
import { BusConnection, busOptionsFrom, exitOnConfigError, MessagingTables1764100000000 } from '@broadsheet/messaging';
import { loadConfig } from '@broadsheet/platform';
import { RecommendationsConfig } from '../config/recommendations.config';
import { RECOMMENDATIONS_ENTITIES } from '../database/entities';
import { RECOMMENDATIONS_MIGRATIONS } from '../database/migrations';
import { rebuildFromStream } from '../services/index-rebuild.service';

/*
 * `npm run rebuild:recommendations`: rebuilds the recommendations replicas by replaying the
 * event stream. Reads the same environment as the service; works whether it runs or not.
 */
async function main(): Promise<void> {
  let config: RecommendationsConfig;
  try {
    config = loadConfig(RecommendationsConfig);
  } catch (error) {
    exitOnConfigError(error);
  }
  await ensureDatabase(config.DATABASE_URL);
  const dataSource = await openServiceDataSource(
    createServiceDataSource({
      url: config.DATABASE_URL,
      schema: 'recommendations',
      entities: RECOMMENDATIONS_ENTITIES,
      migrations: [MessagingTables1764100000000, ...RECOMMENDATIONS_MIGRATIONS],
    }),
  );
  const bus = await BusConnection.connect({ ...busOptionsFrom(config, 'recommendations'), instanceId: `rebuild-${process.pid}` });
  const started = Date.now();
  try {
    const done = await rebuildFromStream(new TransactionHost(dataSource), bus, (p) => {
      const share = p.total === 0 ? 100 : Math.round((p.read / p.total) * 100);
      const rate = Math.round(p.applied / Math.max(0.001, (Date.now() - started) / 1000));
      process.stdout.write(`\rrebuild: stream seq ${p.read}/${p.total} (${share}%), ${p.applied} events applied, ${rate}/s   `);
    });
    process.stdout.write(`\nrebuild: done, ${done.applied} events applied in ${((Date.now() - started) / 1000).toFixed(1)} s; running replicas reload their index\n`);
  } finally {
    await bus.drain();
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`rebuild failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
