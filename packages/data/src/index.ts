export * from './files';
export { prevalidatedFile } from './prevalidated';
export { prevalidatedProfileFiles } from './prevalidated-build';
export * from './rule-registry';
