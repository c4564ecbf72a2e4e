/**
 * The public-member list the shell's completion reads. The build writes it from the published
 * types (scripts/api-members.mjs); this is the e2e project's, since it reads the built file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_MEMBERS_FILE, apiMembers } from '../../scripts/api-members.mjs';
import { readApiMembers } from '../../src/repl/api-members.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('the public-member list completion reads (generated at build time)', () => {
  const built = readApiMembers(path.join(root, API_MEMBERS_FILE));
  const list = built ?? { public: {}, hidden: [] };

  it('is there, and says what the published types say (the same as reading the sources)', () => {
    expect(built, 'run `npm run build` first').toBeDefined();
    expect(built).toEqual(apiMembers(root, 'src/index.ts'));
  });

  it('lists the public API of each exported class, inherited and static members included', () => {
    expect(list.public.RDD).toEqual(expect.arrayContaining(['map', 'flatMap', 'reduceByKey', 'collect', 'sum', 'join', 'toDebugString']));
    expect(list.public.DStream).toEqual(expect.arrayContaining(['map', 'flatMap', 'pprint', 'foreachRDD', 'reduceByKeyAndWindow', 'id']));
    expect(list.public.StreamingContext).toEqual(expect.arrayContaining(['start', 'stop', 'socketTextStream', 'getOrCreate', 'events']));
    expect(list.public.StateSpec).toEqual(expect.arrayContaining(['function', 'timeout', 'initialState', 'numPartitions']));
  });

  it('keeps internals out of the public lists', () => {
    for (const name of ['spec', 'iterate', 'pipe', 'derive', 'meter', 'partitionArray']) expect(list.public.RDD).not.toContain(name);
    for (const name of ['fromPartitions', 'onStop', 'checkActive']) expect(list.public.SparkContext).not.toContain(name);
    for (const name of ['timeoutMs', 'initial', 'partitions', 'mappingFunction']) expect(list.public.StateSpec).not.toContain(name);
    expect(list.public.StreamingContext?.some((n) => n.startsWith('#') || n === 'teachingClock')).toBe(false);
  });

  it('hides the run-time names of internals but none of the pyspark API or the source contracts', () => {
    const hidden = new Set(list.hidden);
    for (const name of ['spec', 'iterate', 'pipe', 'fromPartitions', 'checkActive', 'timeoutMs', 'teachingClock', 'timers', 'listeners']) {
      expect(hidden.has(name), name).toBe(true);
    }
    for (const name of ['start', 'stop', 'socketTextStream', 'state', 'map', 'flatMap', 'reduceByKey', 'pprint', 'foreachRDD', 'collect', 'parallelize']) {
      expect(hidden.has(name), name).toBe(false);
    }
    // Public through interfaces and reachable classes: a receiver's sink, ssc.events.
    for (const name of ['store', 'status', 'warn', 'on', 'emit', 'get', 'update', 'exists']) expect(hidden.has(name), name).toBe(false);
  });

  it('is read back from its file; a missing or malformed file reads as no list', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tspark-members-'));
    const file = path.join(dir, 'api-members.json');
    fs.writeFileSync(file, JSON.stringify(list));
    expect(readApiMembers(file)?.hidden).toEqual(list.hidden);
    fs.writeFileSync(file, '{"hidden": 3}');
    expect(readApiMembers(file)).toBeUndefined();
    expect(readApiMembers(path.join(dir, 'none.json'))).toBeUndefined();
  });
});
