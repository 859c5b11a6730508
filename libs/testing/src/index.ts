export * from './infrastructure';
export * from './processes';
export * from './wait-for';
export * from './rows-read';
