// Spark Connect in front of the standalone cluster (spark-cluster, started first when needed):
// the same server as spark-connect, with the cluster as its master and one executor of one core
// on each worker, so queries sent to it run on the workers. It requires a token
// (spark.connect.authenticate.token), so CI also covers a server that checks one; the address is
// `sc://localhost:PORT/;token=…` (a token to localhost goes over plaintext, as in pyspark).
import { randomBytes } from 'node:crypto';
import { sparkConnectVersion } from './probes.mjs';
import { startConnectServer } from './spark-connect.mjs';
import { WORKERS } from './spark-cluster.mjs';

/** The Spark Connect server on the standalone cluster. */
export default {
  name: 'spark-connect-cluster',
  envVar: 'SPARK_CLUSTER_REMOTE',
  requires: ['spark-cluster'],
  stopSignal: 'SIGTERM',
  stopGraceMs: 30_000,

  /** Starts the server on the cluster's master (`deps['spark-cluster']`). */
  async start({ dir, log, port, track, deps, previous }) {
    const master = deps['spark-cluster'].address;
    const token = previous?.token ?? randomBytes(18).toString('base64url');
    const started = await startConnectServer({
      name: 'spark-connect-cluster',
      dir,
      log,
      port,
      track,
      master,
      conf: {
        'spark.connect.authenticate.token': token,
        'spark.executor.cores': '1',
        'spark.executor.memory': '512m',
        'spark.cores.max': String(WORKERS),
      },
      probeToken: token,
    });
    return { ...started, address: `sc://localhost:${port}/;token=${token}`, extra: { ...started.extra, token } };
  },

  /** Resolves when a gRPC AnalyzePlan with the token answers. */
  probe(state) {
    return sparkConnectVersion(state.port, 5000, state.extra?.token);
  },
};
