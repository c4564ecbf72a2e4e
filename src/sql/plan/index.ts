/** The logical plan and expression trees, as plain data (see relations.ts and expressions.ts). */
export type * from './expressions.js';
export type * from './relations.js';
export { children } from './relations.js';
export { literal, lit, attr, call, binary, sortOrder } from './build.js';
