import { Logger } from '@nestjs/common';

/**
 * Holds NATS writes until the end of the current event-loop turn, so every request and reply a
 * process produces while it handles one round of ready sockets leaves in one socket write.
 *
 * nats.js flushes its outbound buffer in a microtask after the first command. Under load each
 * HTTP request (or NATS message) is handled in an I/O callback of its own, and microtasks run
 * between those callbacks, so without this every publish is a write syscall of its own. On the
 * virtual machines the suite runs on, a write that wakes another process is the largest single
 * cost of a hop: batching them took about a third off the CPU of an uncached read across the
 * gateway, the service and nats-server when it landed (a1c780f). The wait is one turn of the loop
 * (`setImmediate`), microseconds when the process is idle.
 */
export class WriteBatcher {
  private readonly logger = new Logger('WriteBatcher');
  private queue: Array<() => void> = [];
  private scheduled = false;

  /** Runs `write` at the end of this turn of the event loop, with the other writes queued in it. */
  defer(write: () => void): void {
    this.queue.push(write);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.run);
    }
  }

  private readonly run = (): void => {
    const queue = this.queue;
    this.queue = [];
    this.scheduled = false;
    // The writes run back to back in one synchronous block: nats.js buffers them and flushes
    // the buffer once, in the microtask that follows.
    // A write that throws (it should handle its own errors) must not cost the others theirs.
    for (const write of queue) {
      try {
        write();
      } catch (error) {
        this.logger.error(`A deferred NATS write failed: ${(error as Error)?.message ?? error}`);
      }
    }
  };
}
