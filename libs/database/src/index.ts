export * from './data-source';
export * from './naming.strategy';
export * from './transaction.host';
export * from './sql';
export * from './coalescer';
