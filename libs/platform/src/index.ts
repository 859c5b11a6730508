export * from './config';
export * from './json-logger';
export * from './request-context';
export * from './lru-map';
