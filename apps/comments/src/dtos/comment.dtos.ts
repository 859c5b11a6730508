import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import type { CommentCreatedV1, CommentSort, CommentView, ReportReason } from '@broadsheet/contracts';
import { DomainError, parseDto } from '@broadsheet/messaging';
import type { CommentEntity } from '../database/entities/comment.entity';

export const BODY_MAX_CHARACTERS = 5000;
export const REPORT_DETAILS_MAX_CHARACTERS = 500;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export const COMMENT_SORTS: readonly CommentSort[] = ['newest', 'oldest', 'top'];
export const REPORT_REASONS: readonly ReportReason[] = ['offensive', 'abusive', 'spam', 'misinformation', 'other'];

/** Characters as a reader counts them (code points), not UTF-16 units. */
const characters = (text: string) => [...text].length;

/**
 * Plain text of 1 to 5,000 characters with something besides whitespace. NUL is refused
 * because Postgres text cannot hold it; everything else is kept exactly as sent.
 */
function isCommentBody(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0 && characters(value) <= BODY_MAX_CHARACTERS && !value.includes('\u0000');
}

function IsCommentBody(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isCommentBody',
      validator: {
        validate: isCommentBody,
        defaultMessage: () => `must be 1 to ${BODY_MAX_CHARACTERS} characters of text`,
      },
    },
    options,
  );
}

export class CreateCommentDto {
  @IsDefined({ message: "can't be blank" })
  @IsCommentBody()
  body: string;

  @IsOptional()
  @IsInt({ message: 'must be the integer id of a comment on this article' })
  @Min(1, { message: 'must be the integer id of a comment on this article' })
  parentId?: number;
}

/**
 * A create payload as a CreateCommentDto. The usual valid one (`body`, and `parentId` a positive
 * integer, nothing else) is taken without class-transformer and class-validator, which cost more
 * than the rest of a post's own work; anything else goes through `parseDto`, so every refusal
 * keeps its messages.
 */
export function parseCreateComment(payload: unknown): Promise<CreateCommentDto> {
  if (payload !== null && typeof payload === 'object' && !Array.isArray(payload)) {
    const { body, parentId, ...rest } = payload as Record<string, unknown>;
    const parentOk = !('parentId' in payload) || (typeof parentId === 'number' && Number.isInteger(parentId) && parentId >= 1);
    if (isCommentBody(body) && parentOk && Object.keys(rest).length === 0) {
      return Promise.resolve(Object.assign(new CreateCommentDto(), payload as Partial<CreateCommentDto>));
    }
  }
  return parseDto(CreateCommentDto, payload);
}

export class EditCommentDto {
  @IsDefined({ message: "can't be blank" })
  @IsCommentBody()
  body: string;
}

export class ReportDto {
  @IsDefined({ message: "can't be blank" })
  @IsIn(REPORT_REASONS, { message: `must be one of ${REPORT_REASONS.join(', ')}` })
  reason: ReportReason;

  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString({ message: 'must be a string' })
  @MaxLength(REPORT_DETAILS_MAX_CHARACTERS, { message: `is too long (at most ${REPORT_DETAILS_MAX_CHARACTERS} characters)` })
  details?: string | null;
}

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class ListQueryDto {
  @IsOptional()
  @IsIn(COMMENT_SORTS, { message: `must be one of ${COMMENT_SORTS.join(', ')}` })
  sort?: CommentSort;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  @Min(1, { message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  @Max(MAX_PAGE_SIZE, { message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  limit?: number;

  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(200, { message: 'is not a cursor this list gave out' })
  cursor?: string;
}

/** Query parameters that were actually given (absent ones arrive as undefined or null over NATS). */
export function presentOnly(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null));
}

/** A comment id from a route: a positive integer, or 404 (no such comment can exist). */
export function parseCommentId(id: unknown): number {
  const n = typeof id === 'number' ? id : typeof id === 'string' && /^\d{1,9}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new DomainError('COMMENT.NOT_FOUND', 'comment not found', { comment: ['not found'] });
  return n;
}

/** The reader's view of a comment; a deleted one keeps its place but loses body and author. */
export function toCommentView(c: CommentEntity, liked: boolean): CommentView {
  const deleted = c.deletedAt !== null;
  return {
    id: c.id,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    body: deleted ? '' : c.body,
    authorId: deleted ? null : c.authorId,
    parentId: c.parentId,
    depth: c.depth,
    status: c.visibility,
    deleted,
    editedAt: c.editedAt?.toISOString() ?? null,
    featured: c.featured,
    likesCount: c.likesCount,
    liked,
    repliesCount: c.repliesCount,
  };
}

export function toCommentCreated(
  c: Pick<CommentEntity, 'id' | 'articleId' | 'authorId' | 'parentId' | 'body' | 'visibility' | 'createdAt'>,
  articleSlug: string,
): CommentCreatedV1 {
  return {
    commentId: c.id,
    articleId: c.articleId,
    articleSlug,
    authorId: c.authorId,
    parentId: c.parentId,
    body: c.body,
    visibility: c.visibility,
    createdAt: c.createdAt.toISOString(),
  };
}
