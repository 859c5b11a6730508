import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from '@nats-io/transport-node';
import {
  USER_SESSIONS_REVOKED_V1,
  USER_SUSPENDED_V1,
  type Envelope,
  type TokenStatus,
  type UserSessionsRevokedV1,
  type UserSuspendedV1,
} from '@broadsheet/contracts';
import { BusClient, BusConnection, eventSubject } from '@broadsheet/messaging/client';
import { GatewayConfig } from '../config/gateway.config';

/** Accounts remembered at once; past it the oldest entries go (they are refetched on demand). */
export const SESSION_REGISTRY_CAPACITY = 100_000;

interface Entry {
  status: TokenStatus;
  fetchedAt: number;
}

/**
 * What the gateway knows about each account's revocations and standing, so a request does not
 * cost a round trip to users. An entry is fetched on demand (`users.token-status`) and trusted
 * for TOKEN_STATUS_CACHE_SECONDS; meanwhile revocation and standing events (plain core-NATS
 * subscriptions on the event subjects: every gateway replica hears every event) update it at
 * once. After a NATS reconnect everything is forgotten, since events may have been missed.
 * Bound: a revocation takes effect here when its event arrives (milliseconds after the commit)
 * and, if the event is lost, at most TOKEN_STATUS_CACHE_SECONDS after the commit.
 */
@Injectable()
export class SessionRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SessionRegistry');
  private readonly entries = new Map<string, Entry>();
  private readonly fetching = new Map<string, Promise<TokenStatus>>();
  /** Bumped by every event about the account, so a fetch that raced one is not cached. */
  private readonly revisions = new Map<string, number>();
  private readonly subscriptions: Subscription[] = [];
  private stopped = false;

  constructor(
    private readonly client: BusClient,
    private readonly bus: BusConnection,
    private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    this.subscribe<UserSessionsRevokedV1>(USER_SESSIONS_REVOKED_V1, (e) =>
      this.update(e.userId, (s) => ({ ...s, validAfterMs: Math.max(s.validAfterMs, Date.parse(e.validAfter)) })),
    );
    this.subscribe<UserSuspendedV1>(USER_SUSPENDED_V1, (e) =>
      this.update(e.userId, (s) => ({ ...s, status: e.status, suspendedUntil: e.until, suspensionReason: e.reason })),
    );
    void this.forgetOnReconnect();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  /** The account's revocation instant and standing, at most TOKEN_STATUS_CACHE_SECONDS old. */
  async statusOf(userId: string): Promise<TokenStatus> {
    const entry = this.entries.get(userId);
    if (entry && Date.now() - entry.fetchedAt < this.config.TOKEN_STATUS_CACHE_SECONDS * 1000) return entry.status;
    let pending = this.fetching.get(userId);
    if (!pending) {
      pending = this.fetch(userId).finally(() => this.fetching.delete(userId));
      this.fetching.set(userId, pending);
    }
    return pending;
  }

  /** Applies what this gateway itself just caused (a logout), before the event comes back. */
  revokedNow(userId: string, validAfterMs: number): void {
    this.update(userId, (s) => ({ ...s, validAfterMs: Math.max(s.validAfterMs, validAfterMs) }));
  }

  /** Drops the account's entry: the next request asks users. */
  forget(userId: string): void {
    this.bump(userId);
    this.entries.delete(userId);
  }

  private async fetch(userId: string): Promise<TokenStatus> {
    const revision = this.revisions.get(userId) ?? 0;
    const status = await this.client.request('users.token-status', { userId });
    if ((this.revisions.get(userId) ?? 0) === revision) this.remember(userId, status);
    return status;
  }

  private remember(userId: string, status: TokenStatus): void {
    this.entries.delete(userId);
    this.entries.set(userId, { status, fetchedAt: Date.now() });
    while (this.entries.size > SESSION_REGISTRY_CAPACITY) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
      this.revisions.delete(oldest);
    }
  }

  private update(userId: string, change: (status: TokenStatus) => TokenStatus): void {
    this.bump(userId);
    const entry = this.entries.get(userId);
    // Nothing cached: the next request fetches the committed state anyway.
    if (entry) entry.status = change(entry.status);
  }

  private bump(userId: string): void {
    if (this.entries.has(userId) || this.fetching.has(userId)) this.revisions.set(userId, (this.revisions.get(userId) ?? 0) + 1);
  }

  private subscribe<T>(type: string, apply: (data: T) => void): void {
    const subscription = this.bus.nc.subscribe(eventSubject(this.bus.options, type), {
      callback: (error, msg) => {
        if (error) return this.logger.warn(`Subscription to ${type} failed: ${error.message}`);
        try {
          apply(msg.json<Envelope<string, T>>().data);
        } catch (e) {
          this.logger.warn(`Ignoring a malformed ${type}: ${(e as Error).message}`);
        }
      },
    });
    this.subscriptions.push(subscription);
  }

  private async forgetOnReconnect(): Promise<void> {
    for await (const status of this.bus.nc.status()) {
      if (this.stopped) return;
      if (status.type === 'reconnect') {
        this.entries.clear();
        this.revisions.clear();
      }
    }
  }
}
