export * from './kinds';
export * from './limits';
export * from './pool';
export * from './postgres';
export * from './queue';
export * from './runner';
