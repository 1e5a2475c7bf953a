/**
 * The transport's own failures: a request time limit reached (before the first byte, mid-body or
 * while connecting), and a cancelled request.
 */
import { failure, type Failure } from '../failure.js';

export function timeoutFailure(ms: number, phase: 'first-byte' | 'body'): Failure {
  const s = ms / 1000;
  return failure(
    'response.timeout',
    phase === 'first-byte'
      ? `The API server accepted the connection but sent no answer: kpods waited ${s} s for the first byte.`
      : `The API server started answering but did not finish within ${s} s (a slow or dripping body).`,
    [
      'The server or the network is slow or stuck. Try again, or change the limit with --request-timeout (e.g. --request-timeout=60s; 0 means no limit).',
    ],
    `limit: request timeout ${s} s`,
  );
}

export function connectTimeoutFailure(server: string, ms: number): Failure {
  return failure(
    'connection.timeout',
    `No connection to ${new URL(server).host} could be set up within ${ms / 1000} s (TCP and TLS handshake).`,
    [
      'Check the network path to the cluster (VPN, firewall, security groups), and that the address and port in the server field are right.',
    ],
  );
}

/** The failure reported when the caller aborted the request. */
export function aborted(): Failure {
  return failure('response.timeout', 'The request was cancelled.', []);
}
