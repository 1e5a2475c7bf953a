/** The machine a benchmark ran on: CPU, cores, memory, Node, kubectl and tmux versions, git commit. */
import os from 'node:os';
import { execFileSync } from 'node:child_process';

/** Details recorded with every result. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  kubectl: string;
  kubectlPath: string;
  tmux: string;
  timeTool: string;
  gitCommit: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
}

function tryRun(cmd: string, args: string[]): string | undefined {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15000 }).trim();
  } catch {
    return undefined;
  }
}

/** The client version kubectl reports, e.g. "v1.32.4". */
export function kubectlVersion(kubectl: string): string {
  const out = tryRun(kubectl, ['version', '--client', '-o', 'json']);
  if (!out) return 'not found';
  try {
    const v = JSON.parse(out) as { clientVersion?: { gitVersion?: string } };
    return v.clientVersion?.gitVersion ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Collects the machine details. */
export function machineInfo(kubectl: string, timeTool: string | undefined, repoRoot: string): MachineInfo {
  const cpus = os.cpus();
  // KPODS_BENCH_GIT names the commit when the run happens in an exported copy (no .git).
  const exported = process.env['KPODS_BENCH_GIT'];
  const commit = exported ?? tryRun('git', ['-C', repoRoot, 'rev-parse', '--short', 'HEAD']) ?? 'unknown';
  const dirty = exported ? '' : tryRun('git', ['-C', repoRoot, 'status', '--porcelain', '--untracked-files=no']);
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    kubectl: kubectlVersion(kubectl),
    kubectlPath: kubectl,
    tmux: tryRun('tmux', ['-V']) ?? 'not found',
    timeTool: timeTool ?? '/proc polling (no GNU time)',
    gitCommit: dirty ? `${commit}+dirty` : commit,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
