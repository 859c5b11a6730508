import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { ArticleStatus, DigitalSourceType } from '@broadsheet/contracts';

export const TITLE_MAX_LENGTH = 255;
export const DESCRIPTION_MAX_LENGTH = 300;
export const BODY_MAX_LENGTH = 100_000;
export const TAGS_MAX = 10;
export const TAG_MAX_LENGTH = 40;
export const SECTION_MAX_LENGTH = 60;
export const DATELINE_MAX_LENGTH = 120;
export const DISCLOSURE_MAX_LENGTH = 1000;
export const GENERATOR_MAX_LENGTH = 200;
export const SOURCES_MAX = 50;
export const SOURCE_PUBLISHER_MAX_LENGTH = 200;
export const SOURCE_TITLE_MAX_LENGTH = 500;
export const URL_MAX_LENGTH = 2048;
export const CORRECTION_MAX_LENGTH = 2000;
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

export const ARTICLE_STATUSES: readonly ArticleStatus[] = ['draft', 'scheduled', 'published', 'archived'];
export const DIGITAL_SOURCE_TYPES: readonly DigitalSourceType[] = [
  'humanEdits',
  'trainedAlgorithmicMedia',
  'compositeWithTrainedAlgorithmicMedia',
];

const STRING = { message: 'must be a string' };
const BLANK = { message: "can't be blank" };
const tooLong = (max: number) => ({ message: `is too long (at most ${max} characters)` });

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const normaliseTags = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((t) => (typeof t === 'string' ? t.trim().toLowerCase() : t)) : value;
const present = (_: object, v: unknown) => v !== null && v !== undefined;

/** A report the article was built from. */
export class SourceDto {
  @IsDefined(BLANK) @IsString(STRING) @Transform(trim) @MinLength(1, BLANK) @MaxLength(SOURCE_PUBLISHER_MAX_LENGTH, tooLong(SOURCE_PUBLISHER_MAX_LENGTH))
  publisher: string;

  @IsDefined(BLANK) @IsString(STRING) @Transform(trim) @MinLength(1, BLANK) @MaxLength(SOURCE_TITLE_MAX_LENGTH, tooLong(SOURCE_TITLE_MAX_LENGTH))
  title: string;

  @IsDefined(BLANK) @IsString(STRING) @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' }) @MaxLength(URL_MAX_LENGTH, tooLong(URL_MAX_LENGTH))
  url: string;

  @IsDefined(BLANK) @IsString(STRING) @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  retrievedAt: string;
}

/** How the article was made. `reviewed: true` records the caller as its reviewer. */
export class ProvenanceDto {
  @IsOptional() @IsIn(DIGITAL_SOURCE_TYPES, { message: `must be one of ${DIGITAL_SOURCE_TYPES.join(', ')}` })
  digitalSourceType?: DigitalSourceType;

  @ValidateIf(present) @IsString(STRING) @Transform(trim) @MaxLength(GENERATOR_MAX_LENGTH, tooLong(GENERATOR_MAX_LENGTH))
  generator?: string | null;

  @IsOptional() @IsBoolean({ message: 'must be true or false' })
  reviewed?: boolean;
}

/** The news fields, settable on create and update. */
class ArticleNewsFieldsDto {
  @IsOptional() @IsArray({ message: 'must be an array of strings' }) @ArrayMaxSize(TAGS_MAX, { message: `has too many tags (at most ${TAGS_MAX})` })
  @Transform(normaliseTags)
  @IsString({ each: true, message: 'must be an array of strings' })
  @MinLength(1, { each: true, message: "can't contain a blank tag" })
  @MaxLength(TAG_MAX_LENGTH, { each: true, message: `has a tag that is too long (at most ${TAG_MAX_LENGTH} characters)` })
  tagList?: string[];

  @ValidateIf(present) @IsString(STRING) @Transform(trim) @MaxLength(SECTION_MAX_LENGTH, tooLong(SECTION_MAX_LENGTH))
  section?: string | null;

  @ValidateIf(present) @IsString(STRING) @Transform(trim) @MaxLength(DATELINE_MAX_LENGTH, tooLong(DATELINE_MAX_LENGTH))
  dateline?: string | null;

  @IsOptional() @IsIn(ARTICLE_STATUSES, { message: `must be one of ${ARTICLE_STATUSES.join(', ')}` })
  status?: ArticleStatus;

  @ValidateIf(present) @IsString(STRING) @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  scheduledAt?: string | null;

  @IsOptional() @ValidateNested() @Type(() => ProvenanceDto)
  provenance?: ProvenanceDto;

  @ValidateIf(present) @IsString(STRING) @Transform(trim) @MaxLength(DISCLOSURE_MAX_LENGTH, tooLong(DISCLOSURE_MAX_LENGTH))
  disclosure?: string | null;

  @IsOptional() @IsArray({ message: 'must be an array of sources' }) @ArrayMaxSize(SOURCES_MAX, { message: `has too many sources (at most ${SOURCES_MAX})` })
  @ValidateNested({ each: true }) @Type(() => SourceDto)
  sources?: SourceDto[];
}

/** `POST /articles`: the RealWorld fields (required) and the news fields (optional). */
export class CreateArticleDto extends ArticleNewsFieldsDto {
  @IsDefined(BLANK) @IsString(STRING) @Transform(trim) @MinLength(1, BLANK) @MaxLength(TITLE_MAX_LENGTH, tooLong(TITLE_MAX_LENGTH))
  title: string;

  @IsDefined(BLANK) @IsString(STRING) @Transform(trim) @MaxLength(DESCRIPTION_MAX_LENGTH, tooLong(DESCRIPTION_MAX_LENGTH))
  description: string;

  @IsDefined(BLANK) @IsString(STRING) @MinLength(1, BLANK) @MaxLength(BODY_MAX_LENGTH, tooLong(BODY_MAX_LENGTH))
  body: string;
}

/** `PUT /articles/:slug`: any field; `updatedAt` (as last read) turns a lost update into 409. */
export class UpdateArticleDto extends ArticleNewsFieldsDto {
  @IsOptional() @IsString(STRING) @Transform(trim) @MinLength(1, BLANK) @MaxLength(TITLE_MAX_LENGTH, tooLong(TITLE_MAX_LENGTH))
  title?: string;

  @IsOptional() @IsString(STRING) @Transform(trim) @MaxLength(DESCRIPTION_MAX_LENGTH, tooLong(DESCRIPTION_MAX_LENGTH))
  description?: string;

  @IsOptional() @IsString(STRING) @MinLength(1, BLANK) @MaxLength(BODY_MAX_LENGTH, tooLong(BODY_MAX_LENGTH))
  body?: string;

  @IsOptional() @IsString(STRING) @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  updatedAt?: string;

  /** A correction note, appended with today's date; only after publication. */
  @IsOptional() @IsString(STRING) @Transform(trim) @MinLength(1, BLANK) @MaxLength(CORRECTION_MAX_LENGTH, tooLong(CORRECTION_MAX_LENGTH))
  correction?: string;
}

const QUERY_TEXT_MAX = 200;

/** Paging from a query string: strings that must be whole numbers. */
export class PageQueryDto {
  @IsOptional() @Type(() => Number) @IsInt({ message: 'must be a whole number' }) @Min(1, { message: 'must be at least 1' })
  @Max(MAX_PAGE_LIMIT, { message: `must be at most ${MAX_PAGE_LIMIT}` })
  limit: number = DEFAULT_PAGE_LIMIT;

  @IsOptional() @Type(() => Number) @IsInt({ message: 'must be a whole number' }) @Min(0, { message: 'must be at least 0' })
  offset: number = 0;
}

/** `GET /articles` filters. */
export class ListQueryDto extends PageQueryDto {
  @IsOptional() @IsString(STRING) @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @MaxLength(QUERY_TEXT_MAX, tooLong(QUERY_TEXT_MAX))
  tag?: string;

  @IsOptional() @IsString(STRING) @MaxLength(QUERY_TEXT_MAX, tooLong(QUERY_TEXT_MAX))
  author?: string;

  @IsOptional() @IsString(STRING) @MaxLength(QUERY_TEXT_MAX, tooLong(QUERY_TEXT_MAX))
  favorited?: string;

  @IsOptional() @IsString(STRING) @Transform(trim) @MaxLength(SECTION_MAX_LENGTH, tooLong(SECTION_MAX_LENGTH))
  section?: string;
}
