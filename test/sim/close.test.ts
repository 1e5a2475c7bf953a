/**
 * close() ends every connection, also one the HTTP server does not know yet (a TCP connection
 * still before or in its TLS handshake): such a connection used to survive close(), become a
 * client's keep-alive and hold close() for ever (the log screen's whole-app test hung on it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startSimulator } from '../../src/sim/index.js';

test('close() resolves while a connection has not finished its TLS handshake', async () => {
  const sim = await startSimulator({ pods: 5 });
  const socket = connect(sim.port, '127.0.0.1');
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  // The server has accepted it before close() begins (no request, no TLS bytes yet).
  for (let i = 0; sim.openConnections() === 0; i++) {
    assert.ok(i < 1000, 'the server never accepted the connection');
    await new Promise((resolve) => setImmediate(resolve));
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('still open after 5 s'), 5000)));
  const result = await Promise.race([sim.close().then(() => 'closed'), deadline]);
  clearTimeout(timer);
  socket.destroy();
  assert.equal(result, 'closed');
  await ended;
});
