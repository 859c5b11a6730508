/** A small fetch wrapper for e2e tests: JSON in, JSON out, RealWorld `Token` auth. */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export function apiClient(base: string) {
  const call = async <T = any>(
    method: string,
    path: string,
    options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Token ${options.token}`;
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: leave the text
    }
    return { status: response.status, headers: response.headers, body: body as T };
  };
  return {
    get: <T = any>(path: string, options?: { token?: string; headers?: Record<string, string> }) => call<T>('GET', path, options),
    post: <T = any>(path: string, body?: unknown, options?: { token?: string; headers?: Record<string, string> }) =>
      call<T>('POST', path, { ...options, body }),
    put: <T = any>(path: string, body?: unknown, options?: { token?: string; headers?: Record<string, string> }) =>
      call<T>('PUT', path, { ...options, body }),
    delete: <T = any>(path: string, options?: { token?: string; headers?: Record<string, string> }) => call<T>('DELETE', path, options),
    call,
  };
}
