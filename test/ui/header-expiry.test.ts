/** The header's credential expiry says how long ago an expired credential expired, as `kpods contexts` does. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headerClock } from '../../src/ui/header-text.js';
import { initialState } from '../../src/ui/state.js';

const now = new Date('2026-03-01T12:00:00Z');

test('a credential that expires later, and one that expired five minutes ago', () => {
  const later = { ...initialState(), expiry: new Date(now.getTime() + 90 * 60_000) };
  assert.equal(headerClock(later, now)[1], 'credential expires in 90m');
  const past = { ...initialState(), expiry: new Date(now.getTime() - 5 * 60_000) };
  assert.equal(headerClock(past, now)[1], 'credential expired 5m ago');
});
