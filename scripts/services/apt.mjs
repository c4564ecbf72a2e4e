// Installs a missing server binary with apt-get (as root, or through passwordless sudo), quietly,
// saying so on stderr; when that is impossible, one clear line says what to install.
import { run, which } from './process.mjs';

let updated = false;

/**
 * Returns the path of the first of `bins` found (on PATH or in `dirs()`), installing the Debian
 * package `pkg` first when none is there. Throws an Error whose message says what to install.
 */
export async function ensureBinary(service, bins, pkg, dirs = () => []) {
  const find = () => bins.map((b) => which(b, dirs())).find(Boolean);
  const found = find();
  if (found) return found;
  const hint = `${service}: ${bins[0]} is not installed; install it with: sudo apt-get install -y ${pkg}`;
  const apt = which('apt-get', ['/usr/bin', '/usr/sbin']);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let prefix;
  if (isRoot) prefix = [];
  else if (which('sudo') && (await run('sudo', ['-n', 'true']).then(() => true, () => false))) prefix = ['sudo', '-n'];
  if (!apt || !prefix) throw new Error(hint);
  process.stderr.write(`${service}: ${bins[0]} is missing; installing the Debian package ${pkg} with apt-get\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const cmd = (args) => (prefix.length ? run(prefix[0], [...prefix.slice(1), 'apt-get', ...args], { env }) : run('apt-get', args, { env }));
  const install = () => cmd(['install', '-y', '-qq', '--no-install-recommends', pkg]);
  try {
    // A fresh machine may have no package lists, and an old list may name files that are gone:
    // then refresh the lists once and try again.
    await install().catch(async (first) => {
      if (updated) throw first;
      updated = true;
      await cmd(['update', '-qq']);
      await install();
    });
  } catch (err) {
    throw new Error(`${hint}\n(apt-get failed: ${err.message.split('\n').slice(-3).join(' ')})`);
  }
  const installed = find();
  if (!installed) throw new Error(hint);
  process.stderr.write(`${service}: installed ${pkg}\n`);
  return installed;
}
