import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ArticlesConfig } from '../config/articles.config';
import { ArticleService } from './article.service';
import { Clock } from './clock';

/**
 * Publishes scheduled articles when they fall due. The schedule lives in the database, so an
 * article due while every replica was down goes live on the first tick after a start; replicas
 * share due rows with `FOR UPDATE SKIP LOCKED`, and each publication's event goes through the
 * outbox in the same transaction.
 */
@Injectable()
export class PublishingScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PublishingScheduler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly config: ArticlesConfig,
    private readonly articles: ArticleService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.ARTICLES_SCHEDULER_INTERVAL_MS);
    this.timer.unref();
    this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Publishes everything due now, batch after batch. Returns how many were published. */
  async publishDue(): Promise<number> {
    const batch = this.config.ARTICLES_SCHEDULER_BATCH;
    let total = 0;
    for (;;) {
      const published = await this.articles.publishDue(this.clock.now(), batch);
      total += published;
      if (published < batch) return total;
    }
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.publishDue()
      .then((n) => {
        if (n > 0) this.logger.log(`Published ${n} scheduled article(s)`);
      })
      .catch((error: Error) => this.logger.warn(`Scheduled publishing failed, retrying next tick: ${error.message}`))
      .finally(() => {
        this.running = undefined;
      });
  }
}
