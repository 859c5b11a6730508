import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { batchedStdout, JsonLogger } from './json-logger';
import { runWithContext } from './request-context';

describe('JsonLogger', () => {
  const capture = (level?: 'log' | 'warn') => {
    const lines: Array<Record<string, unknown>> = [];
    return { lines, logger: new JsonLogger('articles', level, (line) => lines.push(JSON.parse(line))) };
  };

  it('writes one JSON object per line with the service, level, context and request id', () => {
    const { lines, logger } = capture();
    runWithContext({ requestId: 'req-1', correlationId: 'req-1', causationId: 'req-1' }, () => logger.log('published', 'ArticleService'));
    assert.equal(lines.length, 1);
    assert.equal(lines[0].service, 'articles');
    assert.equal(lines[0].level, 'info');
    assert.equal(lines[0].context, 'ArticleService');
    assert.equal(lines[0].requestId, 'req-1');
    assert.equal(lines[0].msg, 'published');
    assert.match(String(lines[0].time), /^\d{4}-\d{2}-\d{2}T/);
  });

  it('merges structured messages and keeps error stacks', () => {
    const { lines, logger } = capture();
    logger.log({ msg: 'request', status: 200, ms: 1.5 }, 'Access');
    logger.error(new Error('boom'));
    assert.equal(lines[0].status, 200);
    assert.equal(lines[0].ms, 1.5);
    assert.equal(lines[1].level, 'error');
    assert.equal(lines[1].msg, 'boom');
    assert.match(String(lines[1].stack), /Error: boom/);
  });

  it('drops lines below its level', () => {
    const { lines, logger } = capture('warn');
    logger.log('quiet');
    logger.debug('quieter');
    logger.warn('loud');
    assert.deepEqual(lines.map((l) => l.msg), ['loud']);
  });

  it('writes the lines of one loop turn in one write, and errors at once with what waits before them', async () => {
    const writes: string[] = [];
    const logger = new JsonLogger('gateway', 'log', batchedStdout((chunk) => writes.push(chunk)));
    logger.log('one');
    logger.log('two');
    assert.equal(writes.length, 0);
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(writes.length, 1);
    assert.deepEqual(writes[0].trimEnd().split('\n').map((line) => JSON.parse(line).msg), ['one', 'two']);
    logger.log('three');
    logger.error(new Error('four'));
    assert.equal(writes.length, 2, 'the error is written before error() returns');
    assert.deepEqual(writes[1].trimEnd().split('\n').map((line) => JSON.parse(line).msg), ['three', 'four']);
  });

  it('shares one exit listener between sinks, and writes what is pending when the process exits', () => {
    const before = process.listenerCount('exit');
    for (let i = 0; i < 20; i++) new JsonLogger('gateway', 'log', batchedStdout(() => undefined)).log('x');
    assert.ok(process.listenerCount('exit') <= before + 1, `${process.listenerCount('exit') - before} exit listeners added by 20 loggers`);

    // A child that logs from two loggers and exits in the same turn, before any flush was due.
    const script = `const { JsonLogger } = require(${JSON.stringify(require.resolve('./json-logger'))});
      new JsonLogger('users').log('first'); new JsonLogger('articles').log('second'); process.exit(0);`;
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.deepEqual(out.trimEnd().split('\n').map((line) => JSON.parse(line).msg), ['first', 'second']);
  });
});
