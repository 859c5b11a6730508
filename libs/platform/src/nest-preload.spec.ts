import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/*
 * Each case runs in a fresh process: this one has loaded @nestjs/common already. The script
 * counts the real DateTimeFormats made while nest-preload loads Nest, then runs `after`.
 */
function run(after: string): { made: number; restored: boolean; out: unknown } {
  const module = join(__dirname, 'nest-preload.js');
  const script = `
    const Real = Intl.DateTimeFormat;
    let made = 0;
    const counting = new Proxy(Real, { construct(t, a, n) { made++; return Reflect.construct(t, a, n); } });
    Intl.DateTimeFormat = counting;
    require('reflect-metadata');
    require(${JSON.stringify(module)});
    const loaded = made;
    const restored = Intl.DateTimeFormat === counting;
    Promise.resolve((() => { ${after} })()).then((out) => process.stdout.write(JSON.stringify({ made: loaded, restored, out })));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as ReturnType<typeof run>;
}

describe('nest-preload', () => {
  it('loads @nestjs/common without making a DateTimeFormat, and puts the constructor back', () => {
    const { made, restored } = run('return null;');
    assert.equal(made, 0);
    assert.equal(restored, true);
  });

  it("leaves Nest's ConsoleLogger printing the same timestamps", () => {
    const out = run(`
      const { ConsoleLogger } = require('@nestjs/common');
      const expected = new Intl.DateTimeFormat(undefined, { year: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', day: '2-digit', month: '2-digit' });
      const logger = new ConsoleLogger('Test', { colors: false });
      let printed = '';
      const write = process.stdout.write;
      process.stdout.write = (chunk) => { printed += chunk; return true; };
      const before = expected.format(Date.now());
      logger.log('hello');
      const after = expected.format(Date.now());
      process.stdout.write = write;
      return { printed, before, after };`).out as { printed: string; before: string; after: string };
    assert.match(out.printed, /hello/);
    assert.ok(out.printed.includes(out.before) || out.printed.includes(out.after), `${out.printed} has ${out.before}`);
  });

  it("lets Nest's ES modules import node:http without loading undici; http.WebSocket and fetch still work", () => {
    const out = run(`
      require('@nestjs/core');
      require('@nestjs/platform-fastify');
      const undici = () => process.moduleLoadList.some((m) => m.includes('undici'));
      const loadedByNest = undici();
      const http = require('node:http');
      return import('node:http').then((ns) => ({
        loadedByNest,
        statusCodes: ns.STATUS_CODES[404],
        esmWebSocket: typeof ns.WebSocket,
        cjsWebSocket: typeof http.WebSocket,
        globals: typeof WebSocket + ' ' + typeof fetch,
        loadedOnUse: undici(),
      }));`).out;
    assert.deepEqual(out, {
      loadedByNest: false,
      statusCodes: 'Not Found',
      esmWebSocket: 'undefined',
      cjsWebSocket: 'function',
      globals: 'function function',
      loadedOnUse: true,
    });
  });
});
