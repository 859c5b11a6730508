export * from './envelope';
export * from './errors';
export * from './event-map';
export * from './events/users.events';
export * from './events/articles.events';
export * from './events/comments.events';
export * from './rpc';
