/** `npm run demo` on a built clone does not compile again: scripts/ensure-built.js skips an up-to-date build. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('an up-to-date build is not compiled again', (t) => {
  const stamp = join(root, 'dist', '.build-stamp');
  if (!existsSync(stamp)) writeFileSync(stamp, '');
  const future = new Date(Date.now() + 3600_000);
  utimesSync(stamp, future, future);
  // Afterwards the stamp is old, so the next `npm run demo` checks the build again.
  t.after(() => utimesSync(stamp, new Date(0), new Date(0)));
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'ensure-built.js')], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(Math.abs(statSync(stamp).mtimeMs - future.getTime()) < 1, 'the stamp was not rewritten: tsc did not run');
});
