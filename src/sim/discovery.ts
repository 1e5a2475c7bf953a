/** Discovery documents (/api, /apis, /api/v1, group versions) and /version. */

const POD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** GET /api. */
export function apiVersions(serverAddress: string): unknown {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

const GROUPS = [
  {
    name: 'authentication.k8s.io',
    resources: [
      { name: 'selfsubjectreviews', singularName: 'selfsubjectreview', namespaced: false, kind: 'SelfSubjectReview', verbs: ['create'] },
    ],
  },
  {
    name: 'authorization.k8s.io',
    resources: [
      {
        name: 'selfsubjectaccessreviews',
        singularName: 'selfsubjectaccessreview',
        namespaced: false,
        kind: 'SelfSubjectAccessReview',
        verbs: ['create'],
      },
      {
        name: 'selfsubjectrulesreviews',
        singularName: 'selfsubjectrulesreview',
        namespaced: false,
        kind: 'SelfSubjectRulesReview',
        verbs: ['create'],
      },
    ],
  },
];

/** GET /apis. */
export function apiGroupList(): unknown {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: GROUPS.map((g) => ({
      name: g.name,
      versions: [{ groupVersion: `${g.name}/v1`, version: 'v1' }],
      preferredVersion: { groupVersion: `${g.name}/v1`, version: 'v1' },
    })),
  };
}

/** GET /apis/<group>/v1, or undefined for an unknown group version. */
export function groupResources(group: string, version: string): unknown {
  const g = GROUPS.find((x) => x.name === group);
  if (!g || version !== 'v1') return undefined;
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${group}/v1`, resources: g.resources };
}

/** GET /api/v1. */
export function coreResources(): unknown {
  return {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [
      {
        name: 'namespaces',
        singularName: 'namespace',
        namespaced: false,
        kind: 'Namespace',
        verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
        shortNames: ['ns'],
        storageVersionHash: 'Q3oi5N2YM8M=',
      },
      {
        name: 'events',
        singularName: 'event',
        namespaced: true,
        kind: 'Event',
        verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        shortNames: ['ev'],
        storageVersionHash: 'r2yiGXH7wu8=',
      },
      { name: 'namespaces/status', singularName: '', namespaced: false, kind: 'Namespace', verbs: ['get', 'patch', 'update'] },
      {
        name: 'pods',
        singularName: 'pod',
        namespaced: true,
        kind: 'Pod',
        verbs: POD_VERBS,
        shortNames: ['po'],
        categories: ['all'],
        storageVersionHash: 'xPOwRZ+Yhw8=',
      },
      { name: 'pods/exec', singularName: '', namespaced: true, kind: 'PodExecOptions', verbs: ['create', 'get'] },
      { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
      { name: 'pods/status', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get', 'patch', 'update'] },
    ],
  };
}

/** GET /version. */
export function versionInfo(): unknown {
  return {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.5-kpods-sim',
    gitCommit: '9894294ef13a5b32803e3ca2c0d620a088cc84d1',
    gitTreeState: 'clean',
    buildDate: '2025-05-15T09:06:18Z',
    goVersion: 'go1.23.8',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
