/**
 * Builds the UI's ActionsContext from the flags (--readonly, --readonly-contexts, --shell),
 * kpods' config file and the kubeconfig's context extensions, plus the terminal to lend.
 */
import { PermissionCache, readOnlyDecision, splitPatterns } from '../core/actions/index.js';
import type { KpodsConfig } from '../core/config/index.js';
import type { NamedExtension } from '../core/kubeconfig/types.js';
import type { ActionsContext } from './actions-ui.js';
import { shellCommand } from './pod-actions.js';

interface ActionsSetup {
  flags: { readonly: boolean; readonlyContexts: string[]; shell?: string | undefined };
  config: KpodsConfig;
  /** The current context's kubeconfig extensions (the kubeconfig may be reloaded). */
  contextExtensions(context: string): NamedExtension[] | undefined;
  stepAside<T>(fn: () => Promise<T>): Promise<T>;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  now(): Date;
}

export function createActionsContext(o: ActionsSetup): ActionsContext {
  const patterns = [...splitPatterns(o.flags.readonlyContexts), ...(o.config.readonlyContexts ?? [])];
  return {
    readOnly: (target) =>
      readOnlyDecision({
        flag: o.flags.readonly,
        ...(o.config.readonly !== undefined ? { config: o.config.readonly } : {}),
        patterns,
        contextName: target?.context ?? '',
        clusterName: target?.cluster ?? '',
        ...(target ? { contextExtensions: o.contextExtensions(target.context) } : {}),
      }),
    permissions: new PermissionCache(() => o.now().getTime()),
    shell: shellCommand(o.flags.shell ?? o.config.shell),
    stepAside: (fn) => o.stepAside(fn),
    stdin: o.stdin,
    stdout: o.stdout,
  };
}
