import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/**
 * A stream of distinct POST bodies signed by rotating tokens: request `n` carries
 * `bodyTemplate` with `{n}` replaced by a number unique to it, and `tokens[n % tokens.length]`.
 */
export interface RotatingPosts {
  bodyTemplate: string;
  tokens: string[];
}

export interface LoadOptions {
  label: string;
  url: string;
  connections: number;
  durationSeconds: number;
  posts?: RotatingPosts;
}

/** The load generators the bench can drive: wrk (C, lighter on the shared CPUs) or autocannon. */
export type LoadTool = 'wrk' | 'autocannon';

/** `BENCH_LOAD` when set, else wrk where it is installed, else autocannon (an npm dependency). */
export function loadTool(): LoadTool {
  const wanted = process.env.BENCH_LOAD;
  if (wanted === 'wrk' || wanted === 'autocannon') return wanted;
  if (wanted) throw new Error(`BENCH_LOAD must be wrk or autocannon, not ${wanted}`);
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return 'wrk';
  } catch (error) {
    // wrk --version exits 1 after printing its version: it is there.
    return (error as { code?: string }).code === 'ENOENT' ? 'autocannon' : 'wrk';
  }
}

/** One load run with `tool`; latency in milliseconds. */
export function load(tool: LoadTool, options: LoadOptions): Promise<LoadResult> {
  return tool === 'wrk' ? loadWithWrk(options) : loadWithAutocannon(options);
}

async function loadWithAutocannon(options: LoadOptions): Promise<LoadResult> {
  const { posts } = options;
  let n = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    method: posts ? 'POST' : 'GET',
    headers: posts ? { 'content-type': 'application/json' } : undefined,
    requests: posts
      ? [
          {
            setupRequest: (request: { headers?: Record<string, string> }) => {
              n++;
              return {
                ...request,
                body: posts.bodyTemplate.replace('{n}', `${n} ${Math.floor(Math.random() * 1e9)}`),
                headers: { ...request.headers, authorization: `Token ${posts.tokens[n % posts.tokens.length]}` },
              };
            },
          },
        ]
      : undefined,
  } as never);
  const r = result as unknown as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  return {
    label: options.label,
    requestsPerSecond: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

/** A wrk script posting `posts`' bodies; the tokens come as the script's arguments. */
function wrkPostScript(posts: RotatingPosts): string {
  const [before, after] = posts.bodyTemplate.split('{n}');
  const lua = (text: string) => JSON.stringify(text); // a JSON string literal is a valid Lua one here
  return `
local counter = 0
local tokens = {}
function init(args) for i, t in ipairs(args) do tokens[i] = t end end
function request()
  counter = counter + 1
  local token = tokens[(counter % #tokens) + 1]
  local body = ${lua(before)} .. counter .. " " .. math.random(1, 1000000000) .. ${lua(after ?? '')}
  return wrk.format("POST", nil, { ["content-type"] = "application/json", ["authorization"] = "Token " .. token }, body)
end
`;
}

async function loadWithWrk(options: LoadOptions): Promise<LoadResult> {
  const args = ['-t1', `-c${options.connections}`, `-d${options.durationSeconds}s`, '--latency'];
  const extra: string[] = [];
  if (options.posts) {
    const script = join(mkdtempSync(join(tmpdir(), 'bench-wrk-')), 'post.lua');
    writeFileSync(script, wrkPostScript(options.posts));
    args.push('-s', script);
    extra.push('--', ...options.posts.tokens);
  }
  const output = await new Promise<string>((resolve, reject) =>
    execFile('wrk', [...args, options.url, ...extra], { maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`wrk failed: ${stderr || error.message}`)) : resolve(stdout),
    ),
  );
  return { label: options.label, ...parseWrkOutput(output) };
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/** Requests per second, p50/p99 (ms), non-2xx/3xx responses and socket errors from wrk's report. */
export function parseWrkOutput(output: string): Omit<LoadResult, 'label'> {
  const latency = (percentile: string) => {
    const match = new RegExp(`^\\s*${percentile}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(output);
    if (!match) throw new Error(`wrk printed no ${percentile}% latency:\n${output}`);
    return Math.round(Number(match[1]) * UNIT_MS[match[2]] * 100) / 100;
  };
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(output);
  if (!rps) throw new Error(`wrk printed no Requests/sec:\n${output}`);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const errors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return { requestsPerSecond: Math.round(Number(rps[1])), p50: latency('50'), p99: latency('99'), non2xx, errors };
}
