#!/usr/bin/env node
// The process the spark-cluster service starts: a Spark standalone master and its workers, from
// the venv's pyspark (which ships Spark's deploy classes but not sbin/start-*.sh). It stays the
// parent of the JVMs so the services script stops the whole cluster by this one PID: SIGTERM is
// passed to every JVM, and when one of them dies on its own the others are stopped too.
//
//   node spark-cluster-run.mjs '{"sparkHome": …, "port": 7077, "webUiPort": 8080, "workers": [{"webUiPort": …, "dir": …}], "cores": 1, "memory": "1g"}'
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const config = JSON.parse(process.argv[2] ?? '{}');
const sparkClass = join(config.sparkHome, 'bin', 'spark-class');
const masterUrl = `spark://127.0.0.1:${config.port}`;
const children = [];
let stopping = false;

function launch(label, args) {
  const child = spawn(sparkClass, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(child);
  child.on('exit', (code, signal) => {
    process.stderr.write(`spark-cluster-run: ${label} exited (${signal ?? code})\n`);
    if (!stopping) stop(1);
    else if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(process.exitCode ?? 0);
  });
  return child;
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(code);
}

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => stop(0));

launch('master', ['org.apache.spark.deploy.master.Master', '--host', '127.0.0.1', '--port', String(config.port), '--webui-port', String(config.webUiPort)]);
config.workers.forEach((w, i) =>
  launch(`worker ${i + 1}`, [
    'org.apache.spark.deploy.worker.Worker',
    '--host', '127.0.0.1',
    '--cores', String(config.cores),
    '--memory', config.memory,
    '--webui-port', String(w.webUiPort),
    '--work-dir', w.dir,
    masterUrl,
  ]),
);
