import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { RpcRequest } from '@broadsheet/contracts';
import { DomainError, parseDto } from '@broadsheet/messaging';
import { presentOnly } from '../dtos/comment.dtos';
import { ArticleModerationDto, DecisionDto, QueueQueryDto, SanctionDto } from '../dtos/moderation.dtos';
import { ModerationService } from '../services/moderation.service';

const ACTIONS = ['approve', 'reject', 'feature'];

/** The moderation desk, over NATS. Every handler checks the caller's role in the service. */
@Controller()
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @MessagePattern('comments.moderation-queue')
  async queue(@Payload() req: RpcRequest<'comments.moderation-queue'>) {
    const query = await parseDto(QueueQueryDto, presentOnly({ queue: req.queue, limit: req.limit, cursor: req.cursor }));
    return this.moderation.queue(req.actor, query);
  }

  @MessagePattern('comments.moderate')
  async moderate(@Payload() req: RpcRequest<'comments.moderate'>) {
    if (!ACTIONS.includes(req.action)) throw DomainError.invalid('action', `must be one of ${ACTIONS.join(', ')}`);
    return { comment: await this.moderation.decide(req.actor, req.id, req.action, await parseDto(DecisionDto, req.decision ?? {})) };
  }

  @MessagePattern('comments.set-article-moderation')
  async setArticleModeration(@Payload() req: RpcRequest<'comments.set-article-moderation'>) {
    return { article: await this.moderation.setArticleMode(req.actor, req.slug, await parseDto(ArticleModerationDto, req.settings)) };
  }

  @MessagePattern('comments.sanction')
  async sanction(@Payload() req: RpcRequest<'comments.sanction'>) {
    return { sanction: await this.moderation.sanction(req.actor, req.username, await parseDto(SanctionDto, req.sanction)) };
  }
}
