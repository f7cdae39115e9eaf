export * from './files';
export * from './rule-registry';
