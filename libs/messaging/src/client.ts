/*
 * The bus without the service side, for processes that only call services and hear events (the
 * gateway). The full entry point (index.ts) also loads what a domain service runs on: TypeORM,
 * pg, the inbox and outbox, Nest microservices; about 8 MiB of heap the gateway never uses.
 */
export * from './bus.client';
export * from './bus.connection';
export * from './bus.options';
export * from './domain.error';
export * from './process';
export * from './rpc-reply';
export * from './service.config';
