/** The sensors demo's data for tests, as `tspark feed --stdout sensors` makes it. */
import { PassThrough } from 'node:stream';
import { feedCommand } from '../../src/tools/feed-command.js';

/** One reading of the sensors demo. */
export interface SensorReading {
  sensor: string;
  room: string;
  type: string;
  value: number;
  unit: string;
  time: string;
}

/** The sensors demo's lines for a seed (`tspark feed --stdout --rate max --count N --seed S sensors`). */
export async function sensorLines(count: number, seed = 5): Promise<string[]> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await feedCommand(['--stdout', '--rate', 'max', '--count', String(count), '--seed', String(seed), 'sensors'], { stdin: new PassThrough(), stdout, stderr: new PassThrough() });
  if (code !== 0) throw new Error(`tspark feed exited with ${code}`);
  return out.split('\n').filter((l) => l !== '');
}
