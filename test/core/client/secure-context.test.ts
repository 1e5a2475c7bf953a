/** The TLS material of a target is parsed once: the same material gives the same SecureContext. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secureContextOf } from '../../../src/core/client/secure-context.js';
import { caAndLeaf, strayKey } from './tls-fixtures.js';

test('the same material gives the same SecureContext; other material, another; bad material throws and is not kept', async () => {
  const day = 86400_000;
  const { ca, leaf } = await caAndLeaf({
    usage: 'client',
    cn: 'jane',
    notBefore: new Date(Date.now() - day),
    notAfter: new Date(Date.now() + day),
  });
  const first = secureContextOf({ ca: ca.cert, cert: leaf.cert, key: leaf.key });
  assert.equal(secureContextOf({ ca: ca.cert, cert: leaf.cert, key: leaf.key }), first);
  assert.notEqual(secureContextOf({ ca: ca.cert }), first);
  // A certificate without its key is not part of the context (as Node would refuse it).
  assert.equal(secureContextOf({ ca: ca.cert, cert: leaf.cert }), secureContextOf({ ca: ca.cert }));
  const stray = await strayKey();
  assert.throws(() => secureContextOf({ cert: leaf.cert, key: stray }), /KEY_VALUES_MISMATCH|key values mismatch/i);
  assert.throws(() => secureContextOf({ cert: leaf.cert, key: stray }), /KEY_VALUES_MISMATCH|key values mismatch/i);
});

test('a few recent sets are kept: the oldest is parsed again after many others', async () => {
  const day = 86400_000;
  const valid = { notBefore: new Date(Date.now() - day), notAfter: new Date(Date.now() + day) };
  const cas = await Promise.all(Array.from({ length: 18 }, (_, i) => caAndLeaf({ usage: 'client', cn: `u${i}`, ...valid })));
  const oldest = secureContextOf({ ca: cas[0]!.ca.cert });
  for (const c of cas.slice(1)) secureContextOf({ ca: c.ca.cert });
  assert.notEqual(secureContextOf({ ca: cas[0]!.ca.cert }), oldest);
  const recent = secureContextOf({ ca: cas[17]!.ca.cert });
  assert.equal(secureContextOf({ ca: cas[17]!.ca.cert }), recent);
});
