/**
 * Times one whole process: wall time, time to first stdout byte, CPU and peak RSS
 * (GNU time's %M when /usr/bin/time exists, else by polling /proc/<pid>/status VmHWM).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** What one run of a process cost. */
export interface ProcRun {
  ok: boolean;
  code: number | null;
  wallMs: number;
  firstByteMs: number;
  cpuMs: number;
  maxRssMiB: number;
  stdoutBytes: number;
  stdoutLines: number;
  stderrTail: string;
}

/** GNU time, when this machine has it and it accepts -f. */
export function findTimeTool(): string | undefined {
  return existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
}

function readHwmKiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Runs `cmd args` to completion (killed after timeoutMs) and measures it. */
export function runTimed(
  cmd: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs: number; timeTool: string | undefined },
): Promise<ProcRun> {
  const dir = mkdtempSync(join(tmpdir(), 'kpods-bench-time-'));
  const timeOut = join(dir, 'time.txt');
  const useTime = opts.timeTool !== undefined;
  const argv = useTime ? ['-f', '%e %U %S %M', '-o', timeOut, cmd, ...args] : args;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(useTime ? (opts.timeTool as string) : cmd, argv, {
      env: opts.env,
      cwd: opts.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let firstByte = NaN;
    let bytes = 0;
    let lines = 0;
    let stderr = '';
    let hwm = 0;
    const poll = useTime ? undefined : setInterval(() => (hwm = Math.max(hwm, readHwmKiB(child.pid ?? 0))), 10);
    child.stdout.on('data', (d: Buffer) => {
      if (Number.isNaN(firstByte)) firstByte = performance.now() - t0;
      bytes += d.length;
      for (const b of d) if (b === 10) lines++;
    });
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      let cpuMs = NaN;
      let maxRssMiB = hwm > 0 ? hwm / 1024 : NaN;
      if (useTime) {
        const parts = (existsSync(timeOut) ? readFileSync(timeOut, 'utf8') : '').trim().split('\n').pop()?.split(' ') ?? [];
        const user = Number(parts[1]);
        const sys = Number(parts[2]);
        const rss = Number(parts[3]);
        if (Number.isFinite(user) && Number.isFinite(sys)) cpuMs = (user + sys) * 1000;
        if (Number.isFinite(rss)) maxRssMiB = rss / 1024;
        // GNU time reports "Command exited with non-zero status N" as an extra first line.
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({
        ok: code === 0,
        code,
        wallMs,
        firstByteMs: firstByte,
        cpuMs,
        maxRssMiB,
        stdoutBytes: bytes,
        stdoutLines: lines,
        stderrTail: stderr.trim(),
      });
    });
  });
}
