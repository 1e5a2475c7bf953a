/**
 * Every string a command prints passes through one SecretSet: the credentials of the kubeconfig
 * and the target are added when they are loaded, exec plugin results when they arrive, and each
 * write to stdout or stderr is redacted at that moment: secrets are never printed.
 */
import { SecretSet } from '../core/redact.js';
import type { CommandIo } from './io.js';

type Stream = CommandIo['stdout'];

function redactingStream(stream: Stream, secrets: SecretSet): Stream {
  return new Proxy(stream, {
    get(target, prop, receiver) {
      if (prop === 'write') {
        return (chunk: unknown, ...rest: unknown[]) =>
          (target.write as (...a: unknown[]) => boolean).call(target, typeof chunk === 'string' ? secrets.redact(chunk) : chunk, ...rest);
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** The io a command prints through: `io` itself when already redacting, else a redacting copy. */
export function withRedaction(io: CommandIo): CommandIo & { secrets: SecretSet } {
  if (io.secrets) return io as CommandIo & { secrets: SecretSet };
  const secrets = new SecretSet();
  // stdin stays a getter when it is one: it is made on first use (see process-io.ts).
  return {
    stdout: redactingStream(io.stdout, secrets),
    stderr: redactingStream(io.stderr, secrets),
    get stdin() {
      return io.stdin;
    },
    host: io.host,
    secrets,
  };
}
