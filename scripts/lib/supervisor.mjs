// Runs several long-lived processes side by side, each line of their output prefixed with the
// process name, and stops them together.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const COLOURS = [36, 33, 35, 32, 34, 31];

/**
 * One child per entry of `commands` ({ name, command, args }), sharing `env` and `cwd`.
 * `onExit(name, code, signal)` hears every exit, expected or not.
 */
export class Supervisor {
  constructor({ env, cwd, out = process.stdout, onExit = () => undefined }) {
    Object.assign(this, { env, cwd, out, onExit });
    this.children = new Map();
    this.width = 0;
  }

  start(commands) {
    this.width = Math.max(this.width, ...commands.map((c) => c.name.length));
    commands.forEach((spec, i) => this.startOne(spec, COLOURS[i % COLOURS.length]));
  }

  startOne({ name, command, args }, colour) {
    // Own process group: a terminal's Ctrl-C reaches the supervisor alone, which then stops
    // the children in order instead of every process getting the signal at once.
    const child = spawn(command, args, { cwd: this.cwd, env: this.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const label = name.padEnd(this.width);
    const prefix = this.out.isTTY ? `\x1b[${colour}m${label} |\x1b[0m ` : `${label} | `;
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => this.out.write(prefix + line + '\n'));
    }
    const exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.children.delete(name);
        this.onExit(name, code, signal);
        resolve({ name, code, signal });
      }),
    );
    this.children.set(name, { child, exited });
  }

  get running() {
    return [...this.children.keys()];
  }

  /** Sends `signal` to every running child and resolves with each one's exit. */
  async stop(signal = 'SIGTERM') {
    const running = [...this.children.values()];
    for (const { child } of running) child.kill(signal);
    return Promise.all(running.map((r) => r.exited));
  }

  /** Ends every running child at once. */
  kill() {
    for (const { child } of this.children.values()) child.kill('SIGKILL');
  }
}
