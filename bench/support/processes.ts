import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '@broadsheet/testing';

/** dist/ root (this file runs from dist/bench/support). */
export const DIST = join(__dirname, '..', '..');

/**
 * Resident memory in MiB, from /proc/<pid>/status: `anon` is the process's own (V8 heap, malloc,
 * stacks), `file` is mapped files, nearly all of it the node binary's code, which every Node
 * process on the host shares (RSS counts it once per process).
 */
export interface Rss {
  total: number;
  anon: number;
  file: number;
}

export interface Child {
  name: string;
  process: ChildProcess;
  /** Resident set size in MiB, from /proc (0 where /proc is missing). */
  rssMiB(): number;
  /** The same, split into anonymous and file-backed memory (zeros where /proc is missing). */
  rss(): Rss;
  /** Stops the process (SIGSTOP) until `resume`, so that it takes no CPU from a measured run. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/**
 * Starts `node <nodeArgs> <script> <args>` with `env`, keeping the last lines of its output for
 * error reports. `nodeArgs` are flags for node itself (those NODE_OPTIONS does not accept).
 */
export function startNode(name: string, script: string, env: Record<string, string>, args: string[] = [], nodeArgs: string[] = []): Child {
  // BENCH_NODE_OPTIONS lets a profiling run add flags, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extraArgs = (process.env.BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...extraArgs, script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString().split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 20));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // BENCH_OUTPUT_DIR keeps each process's whole output (e.g. with BENCH_NODE_OPTIONS=--trace-gc).
  // The folder is made if missing; each process writes <name>.log, e.g. gateway-cache-off.log.
  if (process.env.BENCH_OUTPUT_DIR) {
    mkdirSync(process.env.BENCH_OUTPUT_DIR, { recursive: true });
    const file = createWriteStream(join(process.env.BENCH_OUTPUT_DIR, `${name.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '')}.log`));
    child.stdout?.pipe(file);
    child.stderr?.pipe(file);
  }
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM' && code !== null) {
      process.stderr.write(`${name} exited with ${code}:\n${tail.join('\n')}\n`);
    }
  });
  const rss = (): Rss => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { total: kib('VmRSS') / 1024, anon: kib('RssAnon') / 1024, file: (kib('RssFile') + kib('RssShmem')) / 1024 };
    } catch {
      return { total: 0, anon: 0, file: 0 };
    }
  };
  return {
    name,
    process: child,
    rssMiB: () => rss().total,
    rss,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGCONT'); // a paused process would not act on SIGTERM
        child.kill('SIGTERM');
      }),
  };
}

/** Waits until `url` answers 200. */
export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  await waitFor(`${url} to answer 200`, async () => (await fetch(url).catch(() => undefined))?.status === 200, {
    timeoutMs,
    intervalMs: 200,
  });
}
