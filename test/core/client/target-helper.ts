/** Builds Target values for client unit tests. */
import type { Target } from '../../../src/core/target.js';

/** A target with no credentials at `server`; fields can be overridden. */
export function makeTarget(server: string, over: Partial<Target> = {}): Target {
  return {
    contextName: 'test',
    clusterName: 'test-cluster',
    userName: 'test-user',
    userOverridden: false,
    server,
    namespace: 'default',
    namespaceSource: 'context',
    tls: { insecureSkipVerify: false },
    auth: {},
    impersonate: { groups: [], extra: {} },
    disableCompression: false,
    origins: {},
    inCluster: false,
    ...over,
  };
}
