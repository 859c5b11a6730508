import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/*
 * Each case runs in a fresh process: this one has loaded @nestjs/common already. The script
 * counts the real DateTimeFormats made while preload loads Nest, then runs `after`.
 */
function run(after: string): { made: number; restored: boolean; out: unknown } {
  const module = join(__dirname, 'preload.js');
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

describe('preload', () => {
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

  it("keeps TypeORM's other drivers and libphonenumber-js unloaded until something uses them", () => {
    const out = run(`
      const { DataSource } = require('typeorm');
      const { isPhoneNumber } = require('class-validator');
      const drivers = Object.keys(require.cache).filter((f) => /typeorm\\/driver\\/.*QueryRunner\\.js$/.test(f)).map((f) => f.split('/').pop());
      const phoneBuild = Object.keys(require.cache).some((f) => /libphonenumber-js\\/build\\//.test(f));
      const postgres = new DataSource({ type: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none' }).driver.constructor.name;
      let mysql;
      try { new DataSource({ type: 'mysql' }); mysql = 'made'; } catch (error) { mysql = error.name; }
      const phone = [isPhoneNumber('+14155552671'), isPhoneNumber('not a number')];
      return { drivers, phoneBuild, postgres, mysql, phone, phoneBuildAfterUse: Object.keys(require.cache).some((f) => /libphonenumber-js\\/build\\//.test(f)) };`).out;
    assert.deepEqual(out, {
      drivers: ['PostgresQueryRunner.js'],
      phoneBuild: false,
      postgres: 'PostgresDriver',
      mysql: 'DriverPackageNotInstalledError',
      phone: [true, false],
      phoneBuildAfterUse: true,
    });
  });
});
