import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWrkOutput } from './load';

describe('parseWrkOutput', () => {
  it('reads requests per second, p50/p99 in milliseconds, non-2xx responses and socket errors', () => {
    const output = `Running 5s test @ http://127.0.0.1:3000/api/articles
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    17.20ms    9.01ms 120.33ms   80.12%
    Req/Sec     2.91k   200.10     3.20k    70.00%
  Latency Distribution
     50%  850.00us
     75%   20.11ms
     90%   28.40ms
     99%    1.20s
  14550 requests in 5.00s, 30.12MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:   2909.87
Transfer/sec:      6.02MB
`;
    assert.deepEqual(parseWrkOutput(output), { requestsPerSecond: 2910, p50: 0.85, p99: 1200, non2xx: 7, errors: 5 });
  });

  it('says what is missing when wrk printed no report', () => {
    assert.throws(() => parseWrkOutput('unable to connect to 127.0.0.1:3000 Connection refused'), /no Requests\/sec/);
  });
});
