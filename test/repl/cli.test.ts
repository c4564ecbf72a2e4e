import { describe, expect, it } from 'vitest';
import { TsparkError } from '../../src/engine/errors.js';
import { parseCommandLine, remoteEndpoint, remoteOf, useColor } from '../../src/repl/cli.js';

const code = (argv: string[]): string => {
  try {
    parseCommandLine(argv);
  } catch (e) {
    if (e instanceof TsparkError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
};

describe('parseCommandLine', () => {
  it('opens the shell with pyspark-like defaults', () => {
    expect(parseCommandLine([])).toEqual({
      kind: 'shell',
      options: { master: 'local[2]', batchSeconds: 1, ui: true, uiPort: undefined, uiHost: undefined, color: true, remote: undefined, masterGiven: false },
    });
  });

  it('reads every option, in both --opt value and --opt=value forms', () => {
    const cmd = parseCommandLine(['--master', 'local[4]', '--batch=0.5', '--no-ui', '--ui-port', '4041', '--ui-host', '0.0.0.0', '--no-color']);
    expect(cmd).toEqual({
      kind: 'shell',
      options: { master: 'local[4]', batchSeconds: 0.5, ui: false, uiPort: 4041, uiHost: '0.0.0.0', color: false, remote: undefined, masterGiven: true },
    });
  });

  it('knows help, version and the sub-commands', () => {
    expect(parseCommandLine(['--help']).kind).toBe('help');
    expect(parseCommandLine(['--version']).kind).toBe('version');
    expect(parseCommandLine(['nc', '-lk', '9999'])).toEqual({ kind: 'nc', argv: ['-lk', '9999'] });
    expect(parseCommandLine(['feed', 'words'])).toEqual({ kind: 'feed', argv: ['words'] });
    expect(parseCommandLine(['run', 'job.ts', '--batch', '2', '--', 'x'])).toMatchObject({ kind: 'run', file: 'job.ts', args: ['x'], options: { batchSeconds: 2 } });
  });

  it.each([
    [['--master', 'yarn'], 'ERR_INVALID_ARGUMENT: --master must be local, local[N] (N >= 1) or local[*]; got "yarn"'],
    [['--master', 'local[0]'], 'ERR_INVALID_ARGUMENT: --master must be local, local[N] (N >= 1) or local[*]; got "local[0]"'],
    [['--batch', 'abc'], 'ERR_INVALID_ARGUMENT: --batch must be a number of seconds > 0, e.g. --batch 1 or --batch 0.5; got "abc"'],
    [['--batch', '0'], 'ERR_INVALID_ARGUMENT: --batch must be a number of seconds > 0, e.g. --batch 1 or --batch 0.5; got "0"'],
    [['--batch'], 'ERR_INVALID_ARGUMENT: --batch needs a value (a number of seconds > 0); got nothing'],
    [['--ui-port', '70000'], 'ERR_INVALID_ARGUMENT: --ui-port must be a port number from 0 to 65535; got "70000"'],
    [['--colour'], 'ERR_UNKNOWN_OPTION: unknown option "--colour"; see tspark --help'],
    [['run'], 'ERR_INVALID_ARGUMENT: tspark run needs a TypeScript file, e.g. tspark run examples/wordcount.ts'],
    [['--remote'], 'ERR_INVALID_ARGUMENT: --remote needs a value (a Spark Connect URL, sc://host:port); got nothing'],
    [['--remote', 'http://localhost:15002'], 'ERR_CONNECT_URL: --remote: [INVALID_CONNECT_URL] Invalid URL for Spark Connect: The URL must start with \'sc://\'. Please update the URL to follow the correct format, e.g., \'sc://hostname:port\'; got "http://localhost:15002".'],
    [['--remote', 'sc://localhost:15002', '--master', 'local[2]'], 'ERR_INVALID_ARGUMENT: --remote and --master cannot be given together (Spark Connect server sc://localhost:15002, Spark master local[2]); keep one'],
    [['run', 'job.ts', '--remote', 'sc://localhost'], 'ERR_INVALID_ARGUMENT: tspark run takes no --remote: in the file, use SparkSession.builder.remote("sc://host:port").getOrCreate(), or set SPARK_REMOTE'],
  ])('%j is refused: %s', (argv, expected) => {
    expect(code(argv)).toBe(expected);
  });
});

describe('remoteOf', () => {
  const shell = (argv: string[]) => {
    const cmd = parseCommandLine(argv);
    if (cmd.kind !== 'shell') throw new Error(cmd.kind);
    return cmd.options;
  };
  it('takes --remote, else SPARK_REMOTE, unless --master was named; banners show host:port only', () => {
    expect(remoteOf(shell(['--remote', 'sc://a:1']), { SPARK_REMOTE: 'sc://b:2' })).toBe('sc://a:1');
    expect(remoteOf(shell([]), { SPARK_REMOTE: 'sc://b:2/;token=x' })).toBe('sc://b:2/;token=x');
    expect(remoteOf(shell([]), { SPARK_REMOTE: '' })).toBeUndefined();
    expect(remoteOf(shell(['--master', 'local[1]']), { SPARK_REMOTE: 'sc://b:2' })).toBeUndefined();
    expect(remoteEndpoint('sc://b:2/;token=secret')).toBe('b:2');
    expect(remoteEndpoint('sc://myhost')).toBe('myhost:15002');
  });
  it('refuses a bad SPARK_REMOTE with ERR_CONNECT_URL naming the variable', () => {
    expect(() => remoteOf(shell([]), { SPARK_REMOTE: 'sc://h:port' })).toThrow(/^SPARK_REMOTE: \[INVALID_CONNECT_URL\]/);
  });
});

describe('useColor', () => {
  it.each([
    [true, {}, true, true],
    [false, {}, true, false],
    [true, {}, false, false],
    [true, { NO_COLOR: '' }, true, false],
    [true, { NO_COLOR: '1' }, true, false],
    [true, { TERM: 'dumb' }, true, false],
    [true, { NO_COLOR: '1', FORCE_COLOR: '1' }, true, true],
  ])('tty=%s env=%j flag=%s → %s', (tty, env, flag, expected) => {
    expect(useColor(tty, env, flag)).toBe(expected);
  });
});
