/** Test helpers of the store (never imported by production code): a store per test file, a stand-in check. */
export { standInCheck } from './stand-in-check';
export { openTestStore, type TestStore } from './test-store';
