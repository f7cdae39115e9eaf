/**
 * @juesuan/readers: published 部门决算公开 files (PDF, DOCX, XLSX, HTML, text) read into the
 * RawDocument contract of @juesuan/core (text and table blocks in reading order, with locations),
 * within READ_LIMITS and a time budget; every bad input fails with a Chinese ReadError.
 */
export { DEFAULT_TIMEOUT_MS, type ReadOptions, type ReadProgress } from './context';
export { ReadError, type ReadErrorCode } from './errors';
export { NO_TEXT_LAYER } from './pdf';
export { type Detected, detectFormat, readBytes, readDocument } from './read';
