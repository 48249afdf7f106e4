// The bench's child processes and their IPC: an app per implementation, one load driver.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { AppMessage, AppRequest, AppSnapshot } from './app.js';
import { BUILD_DIR } from './build.js';
import type { DriverMessage, DriverRequest, LoadResult } from './driver.js';
import type { Provider, Side } from './implementations.js';

const CHILD_TIMEOUT = 60_000;

/** Resolves with the first message from `child` that `matches`, or rejects after a minute. */
function nextMessage<M>(child: ChildProcess, matches: (message: M) => boolean, what: string): Promise<M> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', listener);
      reject(new Error(`no ${what} from ${child.spawnargs.slice(-4).join(' ')} within ${CHILD_TIMEOUT / 1000} s`));
    }, CHILD_TIMEOUT);
    const listener = (message: M) => {
      if (!matches(message)) return;
      clearTimeout(timer);
      child.off('message', listener);
      resolve(message);
    };
    child.on('message', listener);
  });
}

let ids = 0;

export class AppProcess {
  readonly url: string;
  readonly #child: ChildProcess;

  private constructor(child: ChildProcess, url: string) {
    this.#child = child;
    this.url = url;
  }

  /** Forks the app for one implementation; `--expose-gc` so memory can be read after a full GC. */
  static async start(provider: Provider, side: Side, emulatorURL: string, profileDir?: string): Promise<AppProcess> {
    const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${provider}-${side}.cpuprofile`] : [];
    const child = fork(join(BUILD_DIR, 'app.mjs'), [provider, side, emulatorURL], { execArgv: ['--expose-gc', ...profile] });
    const ready = await nextMessage<AppMessage>(child, (message) => message.type === 'ready', 'ready');
    return new AppProcess(child, ready.type === 'ready' ? ready.url : '');
  }

  async snapshot(gc = false): Promise<AppSnapshot> {
    const id = ++ids;
    const answer = nextMessage<AppMessage>(this.#child, (message) => message.type === 'snapshot' && message.id === id, 'snapshot');
    this.#child.send({ type: 'snapshot', id, gc } satisfies AppRequest);
    const message = await answer;
    if (message.type !== 'snapshot') throw new Error('unexpected app message');
    return message.snapshot;
  }

  /** Ends the app by closing its IPC channel, so it exits normally (and writes a CPU profile). */
  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.disconnect();
    const timer = setTimeout(() => this.#child.kill(), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

export interface WindowedLoad {
  result: LoadResult;
  /** App snapshots when the driver's measuring window opened and closed. */
  before: AppSnapshot;
  after: AppSnapshot;
}

export class DriverProcess {
  readonly #child: ChildProcess;

  constructor() {
    this.#child = fork(join(BUILD_DIR, 'driver.mjs'), [], { execArgv: [] });
  }

  /** Runs virtual users against `app`; the app is snapshotted as the window opens and closes. */
  async load(app: AppProcess, options: { users: number; warmupMs: number; durationMs: number }): Promise<WindowedLoad> {
    const id = ++ids;
    const opened = nextMessage<DriverMessage>(this.#child, (message) => message.type === 'window-start' && message.id === id, 'window start');
    const closed = nextMessage<DriverMessage>(this.#child, (message) => message.type === 'window-end' && message.id === id, 'window end');
    const finished = nextMessage<DriverMessage>(this.#child, (message) => message.type === 'load-result' && message.id === id, 'load result');
    this.#child.send({ type: 'load', id, target: app.url, ...options } satisfies DriverRequest);
    await opened;
    const before = await app.snapshot();
    await closed;
    const after = await app.snapshot();
    const message = await finished;
    if (message.type !== 'load-result') throw new Error('unexpected driver message');
    return { result: message.result, before, after };
  }

  /** Starts `count` logins against `app` (each in a fresh session) and abandons them. */
  async pending(app: AppProcess, count: number, concurrency: number): Promise<{ started: number; failures: number }> {
    const id = ++ids;
    const finished = nextMessage<DriverMessage>(this.#child, (message) => message.type === 'pending-result' && message.id === id, 'pending result');
    this.#child.send({ type: 'pending', id, target: app.url, count, concurrency } satisfies DriverRequest);
    const message = await finished;
    if (message.type !== 'pending-result') throw new Error('unexpected driver message');
    return { started: message.started, failures: message.failures };
  }

  stop(): void {
    this.#child.kill();
  }
}
