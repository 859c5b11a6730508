// The runtime memory settings every Broadsheet process runs with; docs/operations.md, "Memory",
// says what each does and what it costs. scripts/start.mjs and bench/gateway-http.ts read them
// from here; deploy/Dockerfile and docker-compose.yml repeat them, and test/runtime.spec.ts checks
// that all of them agree.

/** V8 flags that NODE_OPTIONS does not accept: they go on node's command line, before the script. */
export const NODE_ARGS = ['--heap-growing-percent=50'];

/** Environment defaults; a value already set in the environment wins. */
export const RUNTIME_ENV = {
  NODE_OPTIONS: '--max-semi-space-size=2',
  MALLOC_ARENA_MAX: '1',
  MALLOC_MMAP_THRESHOLD_: '32768',
};
