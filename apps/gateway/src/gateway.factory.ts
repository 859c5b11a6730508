import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { BusClient, BusConnection, busOptionsFrom, DomainError, nestLogLevel } from '@broadsheet/messaging/client';
import { acceptRequestId, CONTEXT_HEADERS, freshContext, JsonLogger, runWithContext } from '@broadsheet/platform';
import type { GatewayConfig } from './config/gateway.config';
import { CacheInvalidator } from './cache/cache.invalidator';
import { HttpCache, SERVED_FROM_CACHE } from './cache/http-cache';
import { ResponseCache } from './cache/response-cache';
import { toHttpError } from './errors/http-error.filter';
import { GatewayModule } from './gateway.module';
import { GatewayMetrics, observeRequests } from './metrics/gateway.metrics';
import { ProfileLookup } from './services/profile.lookup';
import { registerRateLimits } from './protection/rate-limit.hook';
import { registerSecurityHeaders } from './protection/security-headers';
import { setupOpenApi } from './openapi/openapi.setup';

/** Longest path parameter accepted (slugs are at most 191 characters). */
export const MAX_PARAM_LENGTH = 512;

export interface GatewayApp {
  app: NestFastifyApplication;
  bus: BusConnection;
  cache: ResponseCache;
  /** Every route Fastify registered (method and URL template), for the documentation check. */
  routes: Array<{ method: string; url: string }>;
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
  const metrics = new GatewayMetrics();
  const cache = new ResponseCache({ maxEntries: config.CACHE_MAX_ENTRIES, maxBytes: config.CACHE_MAX_BYTES, ttlMs: config.CACHE_TTL_MS });
  const client = new BusClient(bus, observeRequests(metrics));
  const profiles = new ProfileLookup(client);
  const invalidator = new CacheInvalidator(bus, cache, metrics, profiles);

  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY === 'true',
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => acceptRequestId(request.headers[CONTEXT_HEADERS.requestId]),
    logger: false,
    // Slugs reach 191 characters; anything far longer is refused before routing.
    maxParamLength: MAX_PARAM_LENGTH,
    // Errors Fastify raises before routing (malformed URL, over-long parameter) in our shape too.
    frameworkErrors: (error: Error, _request: unknown, reply: FastifyReply) => {
      const { status, code, body } = toHttpError(error);
      void reply.code(status).header('x-error-code', code).send(body);
    },
  });
  const fastify = adapter.getInstance();
  // Postgres text cannot hold NUL, and no legitimate route, query or body needs one.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!/%00/i.test(request.url)) return done();
    const { status, code, body } = toHttpError(DomainError.invalid('url', 'must not contain NUL characters'));
    void reply.code(status).header('x-error-code', code).send(body);
  });
  const routes: Array<{ method: string; url: string }> = [];
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method: String(method), url: route.url });
  });
  // Clients (Postman among them) send `Content-Type: application/json` on bodiless DELETEs and
  // POSTs; an empty body is no body, not a syntax error.
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: config.BODY_LIMIT_BYTES }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    if (text.includes('\\u0000')) return done(DomainError.invalid('body', 'must not contain NUL characters'), undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });
  registerSecurityHeaders(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(CONTEXT_HEADERS.requestId, request.id);
    runWithContext(freshContext(request.id), done);
  });
  registerRateLimits(fastify, {
    writesPerMinutePerIp: config.WRITE_RATE_LIMIT_PER_IP,
    writesPerMinutePerUser: config.WRITE_RATE_LIMIT_PER_USER,
    readsPerMinutePerIp: config.READ_RATE_LIMIT_PER_IP,
  });
  new HttpCache(cache, config.CACHE_ENABLED === 'true', metrics).register(fastify);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? (SERVED_FROM_CACHE.has(reply.getHeader('x-cache')) ? 'cache' : 'unmatched');
    metrics.httpDuration.observe(
      { route, method: request.method, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    logger.log(
      {
        msg: 'request',
        requestId: request.id,
        method: request.method,
        route,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 100) / 100,
        cache: reply.getHeader('x-cache'),
      },
      'Access',
    );
    done();
  });

  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.register({ config, bus, client, metrics, cache, profiles }), adapter, {
    logger,
    bodyParser: false,
  });
  app.setGlobalPrefix('api');
  const origins = config.CORS_ORIGINS.trim();
  app.enableCors({
    origin: origins === '*' ? true : origins.split(',').map((o) => o.trim()),
    exposedHeaders: ['x-request-id', 'etag', 'retry-after', 'x-error-code'],
    maxAge: 600,
  });
  setupOpenApi(app);
  invalidator.start();

  let address = '';
  let closed: Promise<void> | undefined;
  return {
    app,
    bus,
    cache,
    routes,
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
        invalidator.stop();
        await app.close();
        await bus.drain();
      })()),
  };
}
