/**
 * `@juesuan/core/testing`: helpers for tests, benchmarks and demos, kept out of core's public API
 * (scripts/check-imports.ts rejects them in production code).
 */
export * from './raw-blocks';
export * from './synthetic';
