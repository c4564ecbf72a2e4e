/**
 * The real-PySpark peer needs pyspark in a venv under `bench/.venv` (gitignored). Created on
 * first use of `--peers pyspark`; pinned to Spark 3.5, whose DStream API the peer uses and which
 * runs on the machine's Java 17.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The pip requirement for the peer. */
export const PYSPARK_REQUIREMENT = 'pyspark==3.5.*';

/** The pip requirement of the DuckDB peer (the PyPI wheel: the single-machine limit beside PySpark). */
export const DUCKDB_REQUIREMENT = 'duckdb==1.*';

/**
 * Makes sure the bench venv (`root/bench/.venv`, created when missing) can import `module`,
 * installing `requirement` with pip if not; returns an error sentence, or `undefined` when ready.
 */
export function ensureBenchPackage(root: string, requirement: string, module: string, log: (m: string) => void): string | undefined {
  const venv = `${root}/bench/.venv`;
  const py = `${venv}/bin/python`;
  const has = (): boolean => existsSync(py) && spawnSync(py, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
  if (has()) return undefined;
  log(`installing ${requirement} into ${venv} (once)`);
  if (!existsSync(py) && spawnSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' }).status !== 0) {
    return `could not create the venv ${venv} (python3 -m venv)`;
  }
  if (spawnSync(py, ['-m', 'pip', 'install', '-q', requirement], { stdio: 'inherit' }).status !== 0) {
    return `pip install ${requirement} failed`;
  }
  return has() ? undefined : `${requirement} installed but \`import ${module}\` fails`;
}

/** Makes sure `root/bench/.venv` has pyspark; returns an error sentence, or `undefined` when ready. */
export function ensurePyspark(root: string, log: (m: string) => void): string | undefined {
  const venv = `${root}/bench/.venv`;
  const py = `${venv}/bin/python`;
  const has = (): boolean => existsSync(py) && spawnSync(py, ['-c', 'import pyspark'], { stdio: 'ignore' }).status === 0;
  if (has()) return undefined;
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).status !== 0) {
    return 'PySpark needs Java (17 works); `java -version` failed';
  }
  log(`creating ${venv} and installing ${PYSPARK_REQUIREMENT} (a few minutes, once)`);
  if (!existsSync(py) && spawnSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' }).status !== 0) {
    return `could not create the venv ${venv} (python3 -m venv)`;
  }
  if (spawnSync(py, ['-m', 'pip', 'install', '-q', PYSPARK_REQUIREMENT], { stdio: 'inherit' }).status !== 0) {
    return `pip install ${PYSPARK_REQUIREMENT} failed`;
  }
  return has() ? undefined : 'pyspark installed but cannot be imported';
}
