import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second for /proc/<pid>/stat times (USER_HZ; 100 on Linux/x86). */
const TICKS_PER_SECOND = 100;

/**
 * User + system CPU seconds a process has used so far, from /proc (0 once it is gone). With
 * `reapedChildren`, the CPU of its children that have ended is added (a Postgres postmaster
 * collects its ended backends' time there).
 */
export function processCpuSeconds(pid: number | undefined, reapedChildren = false): number {
  if (pid === undefined) return 0;
  try {
    // Fields after the command name (which may hold spaces): utime, stime, cutime, cstime are the
    // 14th to 17th fields.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    const own = fields[11] + fields[12];
    return (reapedChildren ? own + fields[13] + fields[14] : own) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The ids of every process whose command name is `comm` (e.g. all Postgres backends). */
export function pidsByCommand(comm: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === comm) pids.push(Number(entry));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return pids;
}

/** A named group of processes whose CPU time is measured together. */
export interface CpuSource {
  name: string;
  seconds(): number;
}

/**
 * Postgres (every backend, with the ended ones the postmaster has reaped) and nats-server, found
 * by command name each time they are read.
 */
export function sharedServerSources(): CpuSource[] {
  const byCommand = (name: string, comm: string): CpuSource => ({
    name,
    seconds: () => pidsByCommand(comm).reduce((sum, pid) => sum + processCpuSeconds(pid, true), 0),
  });
  return [byCommand('postgres', 'postgres'), byCommand('nats-server', 'nats-server')];
}

/**
 * Measures the CPU each source spends while `work` runs and divides it by the requests served:
 * microseconds of CPU per request, per source. Postgres backends that start or end during the
 * run are counted in full: their time moves to the postmaster's reaped-children total.
 */
export async function cpuPerRequest<T extends { requestsPerSecond: number }>(
  sources: CpuSource[],
  seconds: number,
  work: () => Promise<T>,
): Promise<{ result: T; microsPerRequest: Map<string, number> }> {
  const before = sources.map((s) => s.seconds());
  const result = await work();
  const after = sources.map((s) => s.seconds());
  const requests = Math.max(1, result.requestsPerSecond * seconds);
  const microsPerRequest = new Map(sources.map((s, i) => [s.name, Math.round(((after[i] - before[i]) * 1e6) / requests)]));
  return { result, microsPerRequest };
}
