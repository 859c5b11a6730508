import type { ArticleStatus } from '@broadsheet/contracts';
import { DomainError } from '@broadsheet/messaging';

/** Where an article is in its publishing life. */
export interface LifecycleState {
  status: ArticleStatus;
  publishedAt: Date | null;
  scheduledAt: Date | null;
}

/**
 * The lifecycle after a create (`current` null: published unless told otherwise, as RealWorld
 * expects) or an update. A `scheduledAt` alone means "schedule it"; a scheduled article needs
 * a time in the future; `publishedAt` is set the first time the article goes live and kept
 * through archiving and republishing.
 */
export function nextLifecycle(
  current: LifecycleState | null,
  input: { status?: ArticleStatus; scheduledAt?: string | null },
  now: Date,
): LifecycleState {
  const status: ArticleStatus = input.status ?? (input.scheduledAt ? 'scheduled' : (current?.status ?? 'published'));
  let scheduledAt: Date | null =
    input.scheduledAt === undefined ? (current?.scheduledAt ?? null) : input.scheduledAt === null ? null : new Date(input.scheduledAt);
  if (status === 'scheduled') {
    if (!scheduledAt) throw DomainError.invalid('scheduledAt', "can't be blank when status is scheduled");
    const rescheduled = input.status !== undefined || input.scheduledAt !== undefined;
    if (rescheduled && scheduledAt.getTime() <= now.getTime()) throw DomainError.invalid('scheduledAt', 'must be in the future');
  } else {
    if (input.scheduledAt) throw DomainError.invalid('scheduledAt', 'can only be set when status is scheduled');
    scheduledAt = null;
  }
  const publishedAt = status === 'published' ? (current?.publishedAt ?? now) : (current?.publishedAt ?? null);
  return { status, publishedAt, scheduledAt };
}
