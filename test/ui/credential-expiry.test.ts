/** The header's credential expiry reads a client certificate file only when it changed on disk. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expiryReader, type ExpiryFs } from '../../src/ui/credential-expiry.js';
import { createAuthority } from '../../src/sim/certs.js';
import type { Target } from '../../src/core/target.js';

test('a client certificate file is read once while it stays the same, and again when it changes', async () => {
  const { cert } = await createAuthority('expiry-test');
  let stamp: string | undefined = 'size-1';
  let reads = 0;
  const fs: ExpiryFs = { stamp: () => stamp, read: () => (reads++, cert) };
  const expiry = expiryReader(fs);
  const target = { auth: {}, tls: { certFile: '/x/client.crt' } } as unknown as Target;
  const first = expiry(target);
  assert.ok(first instanceof Date && first.getTime() > Date.now(), String(first));
  assert.equal(expiry(target)?.getTime(), first.getTime());
  assert.equal(expiry(target)?.getTime(), first.getTime());
  assert.equal(reads, 1, 'switching context, namespace or filter does not re-read the file');
  stamp = 'size-2';
  assert.equal(expiry(target)?.getTime(), first.getTime());
  assert.equal(reads, 2, 'a rotated certificate is read again');
  stamp = undefined;
  assert.equal(expiry({ auth: {}, tls: { certFile: '/x/gone.crt' } } as unknown as Target), undefined);
});
