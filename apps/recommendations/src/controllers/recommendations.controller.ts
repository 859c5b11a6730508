import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { RpcRequest, RpcResponse } from '@broadsheet/contracts';
import { DomainError, parseDto } from '@broadsheet/messaging';
import { DEFAULT_LIST_LIMIT, DEFAULT_RELATED_LIMIT, LimitQueryDto, PageQueryDto } from '../dtos/recommendation-query.dto';
import { RecommendationService } from '../services/recommendation.service';

/** Request/reply handlers of the recommendations service. */
@Controller()
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationService) {}

  @MessagePattern('recommendations.related')
  async related(@Payload() request: RpcRequest<'recommendations.related'>): Promise<RpcResponse<'recommendations.related'>> {
    const { limit = DEFAULT_RELATED_LIMIT } = await parseDto(LimitQueryDto, { limit: request?.limit });
    if (typeof request?.slug !== 'string' || request.slug === '') throw DomainError.invalid('slug', "can't be blank");
    return { related: await this.recommendations.related(request.slug, limit) };
  }

  @MessagePattern('recommendations.trending')
  async trending(@Payload() request: RpcRequest<'recommendations.trending'>): Promise<RpcResponse<'recommendations.trending'>> {
    const { limit = DEFAULT_LIST_LIMIT, offset = 0 } = await parseDto(PageQueryDto, { limit: request?.limit, offset: request?.offset });
    return this.recommendations.trending(limit, offset);
  }

  @MessagePattern('recommendations.for-you')
  async forYou(@Payload() request: RpcRequest<'recommendations.for-you'>): Promise<RpcResponse<'recommendations.for-you'>> {
    if (!request?.actor?.userId) throw new DomainError('AUTH.REQUIRED', 'sign in to see recommendations for you');
    const { limit = DEFAULT_LIST_LIMIT } = await parseDto(LimitQueryDto, { limit: request.limit });
    return this.recommendations.forYou(request.actor, limit);
  }
}
