import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { RpcRequest } from '@broadsheet/contracts';
import { parseDto } from '@broadsheet/messaging';
import { EditCommentDto, ListQueryDto, parseCreateComment, presentOnly, ReportDto } from '../dtos/comment.dtos';
import { CommentService } from '../services/comment.service';

/** The conversation under an article, over NATS. */
@Controller()
export class CommentsController {
  constructor(private readonly comments: CommentService) {}

  @MessagePattern('comments.list')
  async list(@Payload() req: RpcRequest<'comments.list'>) {
    const given = presentOnly({ sort: req.sort, limit: req.limit, cursor: req.cursor });
    // Every field is optional: the RealWorld list (none given) has nothing to validate.
    const query = Object.keys(given).length === 0 ? new ListQueryDto() : await parseDto(ListQueryDto, given);
    return this.comments.list(req.actor, req.slug, query);
  }

  @MessagePattern('comments.create')
  async create(@Payload() req: RpcRequest<'comments.create'>) {
    return { comment: await this.comments.create(req.actor, req.slug, await parseCreateComment(req.comment)) };
  }

  @MessagePattern('comments.edit')
  async edit(@Payload() req: RpcRequest<'comments.edit'>) {
    return { comment: await this.comments.edit(req.actor, req.slug, req.id, await parseDto(EditCommentDto, req.comment)) };
  }

  @MessagePattern('comments.delete')
  async delete(@Payload() req: RpcRequest<'comments.delete'>) {
    await this.comments.delete(req.actor, req.slug, req.id);
    return null;
  }

  @MessagePattern('comments.like')
  async like(@Payload() req: RpcRequest<'comments.like'>) {
    return { comment: await this.comments.like(req.actor, req.slug, req.id) };
  }

  @MessagePattern('comments.unlike')
  async unlike(@Payload() req: RpcRequest<'comments.unlike'>) {
    return { comment: await this.comments.unlike(req.actor, req.slug, req.id) };
  }

  @MessagePattern('comments.report')
  async report(@Payload() req: RpcRequest<'comments.report'>) {
    return { report: await this.comments.report(req.actor, req.slug, req.id, await parseDto(ReportDto, req.report)) };
  }

  @MessagePattern('comments.count')
  async count(@Payload() req: RpcRequest<'comments.count'>) {
    return { counts: await this.comments.counts(Array.isArray(req.articleIds) ? req.articleIds : []) };
  }
}
