import { describe, expect, it } from 'vitest';
import { createStyle } from '../../src/repl/style.js';

describe('the shell’s colours', () => {
  it('are plain text when colour is off', async () => {
    const style = createStyle(false);
    await style.ready;
    expect(style.prompt('tspark> ')).toBe('tspark> ');
    expect(style.error('Error')).toBe('Error');
  });

  it('come from chalk once it has loaded', async () => {
    const style = createStyle(true);
    await style.ready;
    expect(style.error('Error')).toBe('\x1b[31mError\x1b[39m');
    expect(style.warn('w')).toBe('\x1b[33mw\x1b[39m');
    expect(style.prompt('p')).toContain('\x1b[36m');
  });
});
