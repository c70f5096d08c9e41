export * from './containers';
export * from './quantity';
export * from './selectors';
export * from './probes';
export * from './fix';
export * from './results';
