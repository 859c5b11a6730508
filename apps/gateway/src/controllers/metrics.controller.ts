import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DOMAIN_SERVICES, type HealthReport } from '@broadsheet/contracts';
import { BusClient } from '@broadsheet/messaging/client';
import { GatewayConfig } from '../config/gateway.config';
import { GatewayMetrics } from '../metrics/gateway.metrics';

/** Prometheus text at `/api/metrics`; service-side figures are gathered at scrape time. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: GatewayMetrics,
    private readonly client: BusClient,
    private readonly config: GatewayConfig,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('cache-control', 'no-store')
  async scrape(): Promise<string> {
    await Promise.all(DOMAIN_SERVICES.map((service) => this.collect(service)));
    return this.metrics.registry.metrics();
  }

  private async collect(service: string): Promise<void> {
    const m = this.metrics;
    try {
      const report: HealthReport = await this.client.request(`${service}.health` as 'users.health', undefined, {
        timeoutMs: this.config.HEALTH_TIMEOUT_MS,
      });
      m.serviceUp.set({ service }, report.database === 'down' ? 0 : 1);
      if (report.consumer) {
        m.consumerPending.set({ service }, report.consumer.pending);
        m.consumerUnacked.set({ service }, report.consumer.unacked);
      }
      if (report.outbox) {
        m.outboxPending.set({ service }, report.outbox.pending);
        m.outboxFailing.set({ service }, report.outbox.failing);
      }
    } catch {
      m.serviceUp.set({ service }, 0);
    }
  }
}
