import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DOMAIN_SERVICES, type HealthReport } from '@broadsheet/contracts';
import { BusClient, BusConnection } from '@broadsheet/messaging/client';
import { GatewayConfig } from '../config/gateway.config';
import { Doc } from '../openapi/doc.decorator';

type Check = { status: 'up' | 'down' | 'unknown'; [detail: string]: unknown };

/** Whether the suite can serve: each service (asked over NATS), NATS itself, and Postgres. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly client: BusClient,
    private readonly bus: BusConnection,
    private readonly config: GatewayConfig,
  ) {}

  @Get()
  @Doc({ summary: 'Health of every service, NATS and Postgres: 200 when all are up, 503 naming what is down', status: 200, example: { status: 'up', down: [], nats: { status: 'up', rttMs: 0.4 }, postgres: { status: 'up', reportedBy: 4 }, services: { users: { status: 'up', database: 'up' } } } })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const timeoutMs = this.config.HEALTH_TIMEOUT_MS;
    const [nats, ...answers] = await Promise.all([
      this.bus.ping(timeoutMs).then(
        (rttMs): Check => ({ status: 'up', rttMs }),
        (error: Error): Check => ({ status: 'down', error: error.message }),
      ),
      ...DOMAIN_SERVICES.map((service) =>
        this.client.request(`${service}.health`, undefined, { timeoutMs }).then(
          (report: HealthReport): Check => ({ status: report.database === 'down' ? 'down' : 'up', ...report }),
          (error: Error): Check => ({ status: 'down', error: error.message }),
        ),
      ),
    ]);
    const services = Object.fromEntries(DOMAIN_SERVICES.map((name, i) => [name, answers[i]]));
    // The gateway holds no database credentials: Postgres is as the services find it.
    const databases = answers.map((a) => a.database).filter((d) => d !== undefined);
    const postgres: Check = databases.includes('down')
      ? { status: 'down' }
      : databases.length > 0
        ? { status: 'up', reportedBy: databases.length }
        : { status: 'unknown' };
    const down = [
      ...Object.entries(services).filter(([, c]) => c.status !== 'up').map(([name]) => name),
      ...(nats.status === 'up' ? [] : ['nats']),
      ...(postgres.status === 'up' ? [] : ['postgres']),
    ];
    reply.status(down.length === 0 ? 200 : 503);
    return { status: down.length === 0 ? 'up' : 'down', down, nats, postgres, services };
  }
}
