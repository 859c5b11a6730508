import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { BusClient, BusConnection } from '@broadsheet/messaging/client';
import { AuthGuard } from './auth/auth.guard';
import { TokenVerifier } from './auth/token.verifier';
import { GatewayConfig } from './config/gateway.config';
import { ResponseCache } from './cache/response-cache';
import { HealthController } from './controllers/health.controller';
import { MetricsController } from './controllers/metrics.controller';
import { GatewayMetrics } from './metrics/gateway.metrics';
import { HttpErrorFilter } from './errors/http-error.filter';
import { ProfileLookup } from './services/profile.lookup';
import { ArticlesHttpModule } from './modules/articles.http.module';
import { CommentsHttpModule } from './modules/comments.http.module';
import { RecommendationsHttpModule } from './modules/recommendations.http.module';
import { PageHttpModule } from './modules/page.http.module';
import { UsersHttpModule } from './modules/users.http.module';

@Module({})
class GatewayCoreModule {}

@Module({})
export class GatewayModule {
  /** The gateway with its config and bus connection, made injectable everywhere. */
  static register(parts: {
    config: GatewayConfig;
    bus: BusConnection;
    client: BusClient;
    metrics: GatewayMetrics;
    cache: ResponseCache;
    profiles: ProfileLookup;
  }): DynamicModule {
    const { config, bus, client, metrics, cache, profiles } = parts;
    const core: DynamicModule = {
      module: GatewayCoreModule,
      global: true,
      providers: [
        { provide: GatewayConfig, useValue: config },
        { provide: BusConnection, useValue: bus },
        { provide: GatewayMetrics, useValue: metrics },
        { provide: ResponseCache, useValue: cache },
        { provide: BusClient, useValue: client },
        { provide: ProfileLookup, useValue: profiles },
        TokenVerifier,
      ],
      exports: [GatewayConfig, BusConnection, BusClient, TokenVerifier, GatewayMetrics, ResponseCache, ProfileLookup],
    };
    return {
      module: GatewayModule,
      imports: [core, UsersHttpModule, ArticlesHttpModule, CommentsHttpModule, RecommendationsHttpModule, PageHttpModule],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}
