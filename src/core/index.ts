// Public surface of the pure domain core.

export * from './evaluate';
export * from './ledger';
export * from './model';
export * from './periods';
export * from './problems';
export * from './ranking';
export * from './rules';
export * from './summary';
export * from './validate';
