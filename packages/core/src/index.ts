export * from './catalog';
export * from './fact-set';
export * from './facts';
export * from './money';
export * from './package';
export * from './profile';
export * from './views';
