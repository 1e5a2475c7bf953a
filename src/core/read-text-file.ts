/**
 * Reads a UTF-8 file without blocking, through node:fs's callback API: node:fs/promises would load
 * nine more of Node's own modules (file handles, streams, watchers, readline), about 5 ms of a
 * short command's start, for one call.
 */
import { readFile } from 'node:fs';

export function readTextFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => readFile(path, 'utf8', (err, text) => (err ? reject(err) : resolve(text))));
}
