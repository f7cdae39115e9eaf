export * from './access';
export * from './diff';
export * from './workflow';
