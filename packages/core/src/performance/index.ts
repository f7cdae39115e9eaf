/** 预算绩效: project self-evaluation and whole-department evaluation, scored exactly by profile rules. */
export * from './check';
export * from './department';
export * from './profile';
export * from './schema';
export * from './score';
export * from './summary';
export * from './text';
