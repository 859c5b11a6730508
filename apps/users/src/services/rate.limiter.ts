import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ErrorCode } from '@broadsheet/contracts';
import { DomainError } from '@broadsheet/messaging';
import { UsersConfig } from '../config/users.config';

/** Hits counted in the current window of one key, and when that window ends. */
export interface WindowCount {
  hits: number;
  resetInSeconds: number;
}

/** Where counters live; the real one is a table every replica shares. */
export interface RateLimitStore {
  hit(key: string, windowSeconds: number): Promise<WindowCount>;
  reset(key: string): Promise<void>;
  prune(): Promise<number>;
}

export const RATE_LIMIT_STORE = Symbol('RateLimitStore');

/** One limit: at most `max` hits per `windowSeconds` for each subject (an IP, an email). */
export interface RateLimitRule {
  name: string;
  max: number;
  windowSeconds: number;
  code: ErrorCode;
  /** The field the 429 body names. */
  field: string;
  /** What the client is told, e.g. "too many sign-in attempts from this address". */
  message: string;
}

const PRUNE_INTERVAL_MS = 5 * 60_000;

/**
 * Counts hits per rule and subject and refuses the one past the limit with a rate-limited
 * `DomainError` carrying `retryAfter` (the gateway sends it as `Retry-After`). Subjects are
 * hashed into the key, so the table never holds emails typed at the sign-in form.
 */
export class RateLimiter {
  constructor(private readonly store: RateLimitStore) {}

  static key(rule: Pick<RateLimitRule, 'name'>, subject: string): string {
    return `${rule.name}:${createHash('sha256').update(subject.toLowerCase()).digest('base64url').slice(0, 32)}`;
  }

  /** Counts one hit; throws once the subject is past the rule's limit. */
  async consume(rule: RateLimitRule, subject: string): Promise<void> {
    const { hits, resetInSeconds } = await this.store.hit(RateLimiter.key(rule, subject), rule.windowSeconds);
    if (hits > rule.max) {
      const retryAfter = Math.max(1, Math.ceil(resetInSeconds));
      const message = `${rule.message}: try again in ${retryAfter} s`;
      throw new DomainError(rule.code, message, { [rule.field]: [message] }, retryAfter);
    }
  }

  /** Forgets the subject's hits (a successful sign-in clears its failures). */
  reset(rule: RateLimitRule, subject: string): Promise<void> {
    return this.store.reset(RateLimiter.key(rule, subject));
  }
}

/** The sign-up and sign-in limits from the configuration. */
export function authRateLimits(config: UsersConfig) {
  return {
    signUpPerIp: {
      name: 'signup.ip',
      max: config.SIGNUP_IP_MAX,
      windowSeconds: config.SIGNUP_IP_WINDOW_SECONDS,
      code: 'REQUEST.RATE_LIMITED',
      field: 'user',
      message: 'too many sign-ups from this address',
    },
    signInPerIp: {
      name: 'signin.ip',
      max: config.SIGNIN_IP_MAX_ATTEMPTS,
      windowSeconds: config.SIGNIN_IP_WINDOW_SECONDS,
      code: 'REQUEST.RATE_LIMITED',
      field: 'user',
      message: 'too many sign-in attempts from this address',
    },
    signInPerAccount: {
      name: 'signin.account',
      max: config.SIGNIN_ACCOUNT_MAX_FAILURES,
      windowSeconds: config.SIGNIN_ACCOUNT_WINDOW_SECONDS,
      code: 'AUTH.TOO_MANY_ATTEMPTS',
      field: 'email',
      message: 'too many failed sign-ins for this account',
    },
  } satisfies Record<string, RateLimitRule>;
}

/** The limiter over the shared table, pruning ended windows now and then. */
@Injectable()
export class AuthRateLimiter extends RateLimiter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('AuthRateLimiter');
  private timer?: NodeJS.Timeout;
  readonly rules: ReturnType<typeof authRateLimits>;

  constructor(@Inject(RATE_LIMIT_STORE) private readonly counters: RateLimitStore, config: UsersConfig) {
    super(counters);
    this.rules = authRateLimits(config);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.counters.prune().catch((error: Error) => this.logger.warn(`Pruning rate limits failed: ${error.message}`));
    }, PRUNE_INTERVAL_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
