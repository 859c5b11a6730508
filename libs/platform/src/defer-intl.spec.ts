import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/*
 * Run in a fresh process: this one has loaded @nestjs/common already. The script counts the real
 * DateTimeFormats made while defer-intl loads Nest, then has Nest's ConsoleLogger print a line.
 */
function run(after: string): { made: number; restored: boolean; out: unknown } {
  const module = join(__dirname, 'defer-intl.js');
  const script = `
    const Real = Intl.DateTimeFormat;
    let made = 0;
    const counting = new Proxy(Real, { construct(t, a, n) { made++; return Reflect.construct(t, a, n); } });
    Intl.DateTimeFormat = counting;
    require('reflect-metadata');
    require(${JSON.stringify(module)});
    const loaded = made;
    const restored = Intl.DateTimeFormat === counting;
    const out = (() => { ${after} })();
    process.stdout.write(JSON.stringify({ made: loaded, restored, out }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as ReturnType<typeof run>;
}

describe('defer-intl', () => {
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
});
