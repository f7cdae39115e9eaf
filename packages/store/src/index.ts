export * from './backup';
export * from './schema';
export * from './store';
export * from './workspace/index';
