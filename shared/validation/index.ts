export * from './result.js';
export * from './text.js';
export * from './uscc.js';
export * from './idcard.js';
export * from './dates.js';
export * from './money.js';
export * from './mask.js';
