/**
 * Which member names of tspark's objects Tab should not offer. TypeScript's `private`,
 * `protected` and `@internal` members are ordinary properties at run time, so the build writes
 * the list next to this module (`api-members.json`, by scripts/api-members.mjs from the
 * published types); the shell reads it once, on the first completion. Run from source without
 * a build, there is no list and nothing extra is hidden.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The list the build writes: public members per exported class, and the names to hide. */
export interface ApiMemberList {
  readonly public: Readonly<Record<string, readonly string[]>>;
  readonly hidden: readonly string[];
}

/** Where the built shell finds the list. */
export const API_MEMBERS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'api-members.json');

function isList(v: unknown): v is ApiMemberList {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Partial<Record<keyof ApiMemberList, unknown>>;
  return Array.isArray(o.hidden) && o.hidden.every((n) => typeof n === 'string') && typeof o.public === 'object' && o.public !== null;
}

/** Reads the list in `file`; undefined when it is missing or unreadable. */
export function readApiMembers(file = API_MEMBERS_FILE): ApiMemberList | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return isList(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

let cached: ReadonlySet<string> | undefined;

/** The member names of tspark's objects that are not public API (read once). */
export function internalMemberNames(file = API_MEMBERS_FILE): ReadonlySet<string> {
  cached ??= new Set(readApiMembers(file)?.hidden ?? []);
  return cached;
}
