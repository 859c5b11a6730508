import { Injectable } from '@nestjs/common';
import { ARTICLE_FAVORITED_V1, ARTICLE_UNFAVORITED_V1, type Actor, type ArticleData } from '@broadsheet/contracts';
import { TransactionHost } from '@broadsheet/database';
import { Outbox } from '@broadsheet/messaging';
import { toArticleData } from '../dtos/article.views';
import { ArticleRepository } from '../repositories/article.repository';
import { FavoriteRepository } from '../repositories/favorite.repository';
import { ReplicaRepository } from '../repositories/replica.repository';
import { ArticleAccessPolicy } from './article-access.policy';
import { Clock } from './clock';

/**
 * Favorites. The count on the article moves only when a favorite row is really added or
 * removed, under the article's row lock, so it stays exact however many readers race.
 */
@Injectable()
export class FavoriteService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly outbox: Outbox,
    private readonly articles: ArticleRepository,
    private readonly favorites: FavoriteRepository,
    private readonly replica: ReplicaRepository,
    private readonly access: ArticleAccessPolicy,
    private readonly clock: Clock,
  ) {}

  favorite(actor: Actor, slug: string): Promise<ArticleData> {
    return this.tx.run(async () => {
      const row = this.access.visible(actor, await this.articles.findBySlug(slug, actor.userId));
      // The `favorited=<username>` filter finds this reader even before their registered event.
      await this.replica.ensureAuthor(actor.userId, actor.username);
      const now = this.clock.now();
      let favoritesCount = row.favoritesCount;
      if (await this.favorites.add(row.id, actor.userId, now)) {
        favoritesCount = await this.articles.addToFavoritesCount(row.id, 1);
        await this.outbox.add(ARTICLE_FAVORITED_V1, row.id, {
          articleId: row.id,
          slug: row.slug,
          userId: actor.userId,
          favoritesCount,
          favoritedAt: now.toISOString(),
        });
      }
      return toArticleData({ ...row, favorited: true, favoritesCount });
    });
  }

  unfavorite(actor: Actor, slug: string): Promise<ArticleData> {
    return this.tx.run(async () => {
      const row = this.access.visible(actor, await this.articles.findBySlug(slug, actor.userId));
      let favoritesCount = row.favoritesCount;
      if (await this.favorites.remove(row.id, actor.userId)) {
        favoritesCount = await this.articles.addToFavoritesCount(row.id, -1);
        await this.outbox.add(ARTICLE_UNFAVORITED_V1, row.id, {
          articleId: row.id,
          slug: row.slug,
          userId: actor.userId,
          favoritesCount,
          unfavoritedAt: this.clock.now().toISOString(),
        });
      }
      return toArticleData({ ...row, favorited: false, favoritesCount });
    });
  }
}
