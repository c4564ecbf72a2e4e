/**
 * What the remote mode refuses, at the call, with one line that says why and what to do
 * instead: a plan node or expression that Spark cannot run or that Spark Connect cannot carry.
 */
import { TsparkError } from '../../../engine/errors.js';

/** Throws ERR_CONNECT_UNSUPPORTED: `what` cannot run remotely, `why`, and `instead`. */
export function refuse(what: string, why: string, instead: string): never {
  throw new TsparkError('ERR_CONNECT_UNSUPPORTED', `${what} cannot run on a remote Spark session: ${why}; ${instead}.`);
}
