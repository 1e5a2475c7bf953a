/** What the action keys (delete, kill, marks, shell) need from the running UI; its own module so screens can name it without importing the actions. */
import type { PermissionCache, ReadOnlyDecision } from '../core/actions/index.js';
import type { TargetInfo } from './state.js';

/** What the actions need from the running kpods (built in commands/tui.ts). */
export interface ActionsContext {
  /** Read-only mode for a target (flag, config, context extension, patterns). */
  readOnly(target: TargetInfo | undefined): ReadOnlyDecision;
  permissions: PermissionCache;
  /** The shell command (--shell, the config file, else /bin/sh). */
  shell: string[];
  /** Lends the terminal (the UI unmounts and resumes where it was). */
  stepAside<T>(fn: () => Promise<T>): Promise<T>;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
}
