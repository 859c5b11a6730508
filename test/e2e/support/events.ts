import type { ArticlePublishedV1, EventMap, EventType, ServiceName } from '@broadsheet/contracts';
import { createEnvelope, eventSubject } from '@broadsheet/messaging';
import { waitFor } from '@broadsheet/testing';
import { publishedArticle } from '../../../apps/comments/test/support/article.factory';
import type { TestAccount } from './accounts';
import type { apiClient } from './http';
import type { Suite } from './suite';

/** Publishes an event into the suite's stream as if `producer` had (for services not built yet). */
export async function publishEvent<T extends EventType>(suite: Suite, producer: ServiceName, type: T, subject: string, data: EventMap[T]): Promise<void> {
  const envelope = createEnvelope(producer, type, subject, data);
  await suite.gateway.bus.js.publish(eventSubject(suite.gateway.bus.options, type), JSON.stringify(envelope), { msgID: envelope.id });
}

/** The user id inside an account's token. */
export async function userIdOf(account: TestAccount): Promise<string> {
  const { decodeJwt } = await import('jose');
  return String(decodeJwt(account.token).sub);
}

/**
 * Publishes `articles.article.published.v1` and waits until the comments service has it
 * (its comment list answers 200).
 */
export async function publishArticle(suite: Suite, api: ReturnType<typeof apiClient>, overrides: Partial<ArticlePublishedV1> = {}): Promise<ArticlePublishedV1> {
  const article = publishedArticle(overrides);
  await publishEvent(suite, 'articles', 'articles.article.published.v1', article.articleId, article);
  await waitFor(`article ${article.slug} to reach comments`, async () => (await api.get(`/articles/${article.slug}/comments`)).status === 200);
  return article;
}
