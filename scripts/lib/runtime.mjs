// The runtime memory settings every Broadsheet process runs with; docs/operations.md, "Memory",
// says what each does and what it costs. scripts/start.mjs and bench/gateway-http.ts read them
// from here; deploy/Dockerfile and docker-compose.yml repeat them, and test/runtime.spec.ts checks
// that all of them agree.

/** V8 flags that NODE_OPTIONS does not accept: they go on node's command line, before the script. */
export const NODE_ARGS = ['--heap-growing-percent=50'];

/**
 * Flags for one process on top of NODE_ARGS (the command line wins over NODE_OPTIONS). The gateway
 * holds every request in flight for its whole life, so with a 2 MB young generation those objects
 * outlive it and are copied into the old one; 6 MB cuts the gateway's CPU per request by about a
 * third for about 10 MiB. The users service is idle on every read, so it gets the smallest young
 * generation (docs/operations.md, "Memory").
 */
export const SERVICE_NODE_ARGS = {
  gateway: ['--max-semi-space-size=6'],
  users: ['--max-semi-space-size=1'],
};

/** The node flags of one process. */
export function nodeArgsOf(service) {
  return [...NODE_ARGS, ...(SERVICE_NODE_ARGS[service] ?? [])];
}

/** Environment defaults; a value already set in the environment wins. */
export const RUNTIME_ENV = {
  NODE_OPTIONS: '--max-semi-space-size=2',
  MALLOC_ARENA_MAX: '1',
  MALLOC_MMAP_THRESHOLD_: '32768',
};
