// Vitest global setup: hands each run an owner id that scripts/services.mjs records on the
// services it starts, and at the end stops exactly those (never the ones CI or a person started).
import { randomUUID } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { runServicesScript } from './services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The id this test run's service starts are recorded under. */
    tsparkServicesOwner: string;
  }
}

/** The names of the services in `status --json` output that `owner` started. */
function startedBy(owner: string, json: string): string[] {
  const rows: unknown = JSON.parse(json);
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((row: unknown) => {
    if (typeof row !== 'object' || row === null) return [];
    const { name, owner: rowOwner } = row as { name?: unknown; owner?: unknown };
    return typeof name === 'string' && rowOwner === owner ? [name] : [];
  });
}

/** Provides the owner id; returns the teardown that stops the services this run started. */
export default function setup(project: TestProject): () => Promise<void> {
  const owner = `vitest-${randomUUID()}`;
  project.provide('tsparkServicesOwner', owner);
  return async () => {
    const status = await runServicesScript(['status', '--json']);
    if (status.code !== 0) return;
    const mine = startedBy(owner, status.stdout);
    if (mine.length > 0) await runServicesScript(['stop', ...mine]);
  };
}
