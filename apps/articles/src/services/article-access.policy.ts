import { Injectable } from '@nestjs/common';
import type { Actor, UserRole } from '@broadsheet/contracts';
import { DomainError } from '@broadsheet/messaging';
import { ArticlesConfig } from '../config/articles.config';
import type { ArticleEntity } from '../database/entities/article.entity';

/** Roles that may manage (update, publish, archive, delete, see unpublished) any article. */
export const MANAGING_ROLES: readonly UserRole[] = ['editor', 'admin'];

const NOT_FOUND = () => new DomainError('ARTICLE.NOT_FOUND', 'article not found', { article: ['not found'] });

/** Who may write, manage and see articles. */
@Injectable()
export class ArticleAccessPolicy {
  private readonly writeRoles: UserRole[];

  constructor(config: ArticlesConfig) {
    this.writeRoles = config.ARTICLES_WRITE_ROLES.split(',')
      .map((r) => r.trim())
      .filter(Boolean) as UserRole[];
  }

  /** Creating articles: any active account, or only the configured roles. */
  assertCanWrite(actor: Actor): void {
    if (actor.status !== 'active') {
      throw new DomainError('ARTICLE.FORBIDDEN', 'your account cannot write articles', { article: ['cannot be written by a suspended account'] });
    }
    if (this.writeRoles.length > 0 && !actor.roles.some((r) => this.writeRoles.includes(r))) {
      throw new DomainError('ARTICLE.FORBIDDEN', 'writing articles needs a newsroom role', {
        article: [`can only be written by ${this.writeRoles.join(', ')}`],
      });
    }
  }

  canManage(actor: Actor | null, article: Pick<ArticleEntity, 'authorId'>): boolean {
    return !!actor && (actor.userId === article.authorId || actor.roles.some((r) => MANAGING_ROLES.includes(r)));
  }

  /** Published articles are public; the rest exist only for those who manage them. */
  canSee(actor: Actor | null, article: Pick<ArticleEntity, 'authorId' | 'status'>): boolean {
    return article.status === 'published' || this.canManage(actor, article);
  }

  /** The article if the actor may see it, else ARTICLE.NOT_FOUND (hidden states do not leak). */
  visible<T extends Pick<ArticleEntity, 'authorId' | 'status'>>(actor: Actor | null, article: T | null): T {
    if (!article || !this.canSee(actor, article)) throw NOT_FOUND();
    return article;
  }

  /** `verb` completes "only the author or an editor may ... this article". */
  assertCanManage(actor: Actor, article: Pick<ArticleEntity, 'authorId'>, verb: string): void {
    if (!this.canManage(actor, article)) {
      throw new DomainError('ARTICLE.FORBIDDEN', `only the author or an editor may ${verb} this article`, {
        article: [`is not yours: only its author or an editor may ${verb} it`],
      });
    }
  }
}
