import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SecretSet } from '../../src/core/redact.js';
import { StreamRedactor } from '../../src/core/redact-stream.js';

const TOKEN = 'tok-9f8e7d6c5b4a3210';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----';

function secrets(): SecretSet {
  const s = new SecretSet();
  s.add(TOKEN);
  return s;
}

/** What the terminal shows when `text` arrives cut at `cuts`, then ends. */
function shownWhenCut(text: string, cuts: number[]): string {
  const r = new StreamRedactor(secrets());
  let out = '';
  let from = 0;
  for (const at of [...cuts].sort((a, b) => a - b)) {
    out += r.push(text.slice(from, at));
    from = at;
  }
  return out + r.push(text.slice(from)) + r.flush();
}

test('a known token, a JWT or a private key cut anywhere never shows, and the rest shows whole', () => {
  const text = `login as alice\nusing ${TOKEN} now\nid ${JWT}\n${PEM}\nEnter code: `;
  const whole = shownWhenCut(text, []);
  assert.equal(whole, 'login as alice\nusing <redacted> now\nid <redacted>\n<redacted> private key\nEnter code: ');
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 4 }), (cuts) => {
      assert.equal(shownWhenCut(text, cuts), whole);
    }),
    { numRuns: 400 },
  );
});

test('text up to the last blank is shown at once, so a prompt is seen while the plugin waits', () => {
  const r = new StreamRedactor(secrets());
  assert.equal(r.push('Password: '), 'Password: ');
  assert.equal(r.holding, false);
  assert.equal(r.push('one two'), 'one ');
  assert.equal(r.holding, true);
  assert.equal(r.flush(), 'two');
});

test('the start of a known token released without its end (the plugin paused or died) is withheld', () => {
  const r = new StreamRedactor(secrets());
  assert.equal(r.push(`token=${TOKEN.slice(0, 8)}`), '');
  assert.equal(r.flush(), 'token=<redacted>');
  assert.equal(r.push('tok'), '');
  assert.equal(r.flush(), 'tok', 'three characters are too short to say anything');
});
