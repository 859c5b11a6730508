import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  label: string;
  url: string;
  connections: number;
  durationSeconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A fresh body (and headers) for each request: unique comment text, rotating tokens. */
  next?: () => { body: string; headers?: Record<string, string> };
}

/** One autocannon run; latency in milliseconds. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const next = options.next;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    method: options.method ?? 'GET',
    headers: options.headers,
    requests: next
      ? [
          {
            setupRequest: (request: { headers?: Record<string, string> }) => {
              const { body, headers } = next();
              return { ...request, body, headers: { ...request.headers, ...headers } };
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
