import helmet from '@fastify/helmet';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { BusConnection, busOptionsFrom, nestLogLevel } from '@broadsheet/messaging';
import { acceptRequestId, CONTEXT_HEADERS, freshContext, JsonLogger, runWithContext } from '@broadsheet/platform';
import type { GatewayConfig } from './config/gateway.config';
import { GatewayModule } from './gateway.module';

export interface GatewayApp {
  app: NestFastifyApplication;
  bus: BusConnection;
  /** Base URL once listening, e.g. http://127.0.0.1:3000/api */
  url(): string;
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The public HTTP API: Nest on Fastify, every route under `/api`, CORS and security headers,
 * a request id on every request (accepted from `x-request-id` or made) that follows the work
 * across NATS and into every log line, JSON access logs, RealWorld error bodies.
 */
export async function createGateway(config: GatewayConfig): Promise<GatewayApp> {
  const logger = new JsonLogger('gateway', nestLogLevel(config.LOG_LEVEL));
  Logger.overrideLogger(logger);
  const bus = await BusConnection.connect(busOptionsFrom(config, 'gateway'));

  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY === 'true',
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => acceptRequestId(request.headers[CONTEXT_HEADERS.requestId]),
    logger: false,
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(CONTEXT_HEADERS.requestId, request.id);
    runWithContext(freshContext(request.id), done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    logger.log(
      {
        msg: 'request',
        requestId: request.id,
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 100) / 100,
      },
      'Access',
    );
    done();
  });

  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.register(config, bus), adapter, {
    logger,
    bodyParser: true,
  });
  app.setGlobalPrefix('api');
  const origins = config.CORS_ORIGINS.trim();
  app.enableCors({
    origin: origins === '*' ? true : origins.split(',').map((o) => o.trim()),
    exposedHeaders: ['x-request-id', 'etag', 'retry-after', 'x-error-code'],
    maxAge: 600,
  });
  await app.register(helmet as never, { contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'cross-origin' } });

  let address = '';
  let closed: Promise<void> | undefined;
  return {
    app,
    bus,
    url: () => address,
    listen: async () => {
      await app.listen(config.PORT, config.HOST);
      const { port } = fastify.server.address() as { port: number };
      const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
      address = `http://${host}:${port}/api`;
      return address;
    },
    close: () =>
      (closed ??= (async () => {
        await app.close();
        await bus.drain();
      })()),
  };
}
