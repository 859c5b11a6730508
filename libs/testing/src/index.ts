export * from './infrastructure';
export * from './processes';
export * from './wait-for';
