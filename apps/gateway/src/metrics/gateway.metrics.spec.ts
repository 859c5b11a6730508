import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { GatewayMetrics } from './gateway.metrics';

describe('GatewayMetrics', () => {
  it("exposes the process's own series, event-loop lag included", async () => {
    const text = await new GatewayMetrics().registry.metrics();
    for (const name of ['broadsheet_gateway_process_cpu_seconds_total', 'broadsheet_gateway_nodejs_eventloop_lag_p99_seconds', 'broadsheet_gateway_nodejs_gc_duration_seconds']) {
      assert.match(text, new RegExp(`^# TYPE ${name} `, 'm'), name);
    }
  });

  it('leaves an idle process asleep: its lag sampler wakes it a few times a second, not a hundred', () => {
    // A process that only holds the metrics, idle for a second: its context switches are its wake-ups.
    const script = `const { GatewayMetrics } = require(${JSON.stringify(require.resolve('./gateway.metrics'))});
      const metrics = new GatewayMetrics();
      setTimeout(() => {
        const before = process.resourceUsage().voluntaryContextSwitches;
        setTimeout(() => console.log(process.resourceUsage().voluntaryContextSwitches - before), 1000);
      }, 200);`;
    const wakeUps = Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim());
    assert.ok(wakeUps < 50, `${wakeUps} wake-ups in an idle second`);
  });
});
