/**
 * A pod as `kubectl get pod -o yaml` shows it: the object with kind and apiVersion, keys sorted
 * (as sigs.k8s.io/yaml writes Go maps), managedFields left out unless asked for (kubectl's
 * --show-managed-fields=false default).
 */
import yaml from 'js-yaml';
import type { Pod } from './pod-types.js';

/** The pod's YAML; `managedFields` true keeps metadata.managedFields. */
export function podYaml(pod: Pod, opts: { managedFields?: boolean } = {}): string {
  const copy = structuredClone(pod) as Pod & Record<string, unknown>;
  copy.kind ??= 'Pod';
  copy.apiVersion ??= 'v1';
  if (!opts.managedFields && copy.metadata) delete copy.metadata.managedFields;
  return yaml.dump(copy, { sortKeys: true, lineWidth: -1, noRefs: true, quotingType: '"' });
}
