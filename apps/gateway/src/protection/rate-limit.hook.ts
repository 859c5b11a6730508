import type { FastifyInstance, FastifyRequest } from 'fastify';
import { toHttpError } from '../errors/http-error.filter';
import { DomainError } from '@broadsheet/messaging/client';
import { tokenFromHeader } from '../auth/auth.guard';
import { TokenBucketLimiter, type Take } from './token-bucket.limiter';

export interface RateLimits {
  writesPerMinutePerIp: number;
  writesPerMinutePerUser: number;
  /** 0: reads are not limited (the default). */
  readsPerMinutePerIp: number;
}

/** The token's subject, read without verifying (only to pick a bucket; the guard verifies). */
function subjectOf(request: FastifyRequest): string | undefined {
  const token = tokenFromHeader(request.headers.authorization);
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const sub = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).sub;
    return typeof sub === 'string' ? sub : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Rate limits applied before routing: writes per IP and per user, reads per IP when set.
 * Refusals are 429 with `Retry-After`, in the same error shape as everything else.
 */
export function registerRateLimits(fastify: FastifyInstance, limits: RateLimits): void {
  const writesByIp = new TokenBucketLimiter(limits.writesPerMinutePerIp);
  const writesByUser = new TokenBucketLimiter(limits.writesPerMinutePerUser);
  const readsByIp = new TokenBucketLimiter(limits.readsPerMinutePerIp);
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.method === 'OPTIONS') return done();
    const write = request.method !== 'GET' && request.method !== 'HEAD';
    let take: Take = write ? writesByIp.take(request.ip) : readsByIp.take(request.ip);
    if (take.allowed && write) {
      const sub = subjectOf(request);
      if (sub) take = writesByUser.take(sub);
    }
    if (take.allowed) return done();
    const { status, code, body } = toHttpError(
      new DomainError('REQUEST.RATE_LIMITED', 'too many requests', { request: ['too many requests: try again later'] }),
    );
    void reply
      .code(status)
      .header('retry-after', String(take.retryAfterSeconds))
      .header('x-error-code', code)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
