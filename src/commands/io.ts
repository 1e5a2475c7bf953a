/** What a command receives from the entry point: streams and the host view, never globals. */
import type { Host } from '../core/target.js';
import type { SecretSet } from '../core/redact.js';

export interface CommandIo {
  stdout: NodeJS.WriteStream | NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  stdin: NodeJS.ReadStream | NodeJS.ReadableStream;
  host: Host;
  /** The credentials redacted from everything written to stdout and stderr (see redacting-io.ts). */
  secrets?: SecretSet;
}

/** A headless command: parses its own arguments, returns the process exit code. */
export type Command = (args: string[], io: CommandIo) => Promise<number>;
