// The watcher's end of the socket to the compiled front (fd 3): JSON lines both ways, as
// docs/front-protocol.md describes. The front owns go's stderr and exit status; through this
// link the watcher reads how much go wrote, what it wrote last, when and how go ended, and asks
// the front to print a line, to hold its exit, or to end with 124.
import * as net from 'node:net';
import type { ActivitySample } from '../monitor/idle-detector';
import { parseCheckpoints } from './checkpoints';

export interface Hello {
  uuid: string;
  goPid: number;
  frontPid: number;
  realGo: string;
  startedMs: number;
  argv: string[];
  cwd: string;
  trigger: 'timer' | 'sigquit';
  /** The front's samples of go's tree before the watcher started, oldest first; often none. */
  checkpoints: ActivitySample[];
}

export interface GoExit {
  code: number | null;
  signal: string | null;
  endedMs: number;
}

type Message = Record<string, unknown>;

/** The front answers within microseconds; a front of another version may not answer at all. */
const ACK_WITHIN_MS = 1000;

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A hello with the fields the watcher cannot do without, or null. */
export function parseHello(m: Message, now = Date.now()): Hello | null {
  if (m.ev !== 'hello' || !isString(m.uuid) || !isNumber(m.goPid) || !isNumber(m.frontPid) || !isString(m.realGo)) return null;
  const argv = Array.isArray(m.argv) ? m.argv.filter(isString) : [];
  return {
    uuid: m.uuid,
    goPid: m.goPid,
    frontPid: m.frontPid,
    realGo: m.realGo,
    startedMs: isNumber(m.startedMs) ? m.startedMs : now,
    argv,
    cwd: isString(m.cwd) ? m.cwd : '',
    trigger: m.trigger === 'sigquit' ? 'sigquit' : 'timer',
    checkpoints: parseCheckpoints(m.checkpoints, m.goPid, now),
  };
}

export class FrontLink {
  private buffered = '';
  private readonly waiting: { re: string; resolve: (m: Message | null) => void }[] = [];
  private helloWaiter: ((h: Hello | null) => void) | null = null;
  private hello: Hello | null = null;
  private closedFlag = false;
  /** Set when go's exit was reported; null while it runs (or if the front died first). */
  exit: GoExit | null = null;
  /** A SIGQUIT event came, perhaps before anyone listened (it may arrive with the hello). */
  sigquitSeen = false;
  onSigquit: () => void = () => {};
  onSignal: (name: string) => void = () => {};
  onExit: (exit: GoExit) => void = () => {};
  /** The front is gone (after an exit event, or killed before it could send one). */
  onClose: () => void = () => {};
  private markEnded: () => void = () => {};
  /** Resolves once go's exit is known or the front is gone. */
  readonly goEnded = new Promise<void>((resolve) => (this.markEnded = resolve));

  constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    const closed = () => this.close();
    socket.once('end', closed);
    socket.once('close', closed);
    socket.on('error', () => {}); // ends in 'close'
  }

  static onFd(fd: number): FrontLink {
    return new FrontLink(new net.Socket({ fd, readable: true, writable: true }));
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** The front's hello, or null if the socket ends (or stays silent for ms) before one comes. */
  awaitHello(ms: number): Promise<Hello | null> {
    if (this.hello || this.closedFlag) return Promise.resolve(this.hello);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), ms);
      this.helloWaiter = (h) => (clearTimeout(timer), resolve(h));
    });
  }

  /** Bytes of go's stderr relayed so far; null once the front is gone. */
  async stderrBytes(): Promise<number | null> {
    const m = await this.request({ op: 'stat' }, 'stat');
    return m && isNumber(m.bytes) ? m.bytes : null;
  }

  /** go's stderr from byte `from` on, as far as the front still keeps it. */
  async stderrSince(from: number): Promise<string> {
    const m = await this.request({ op: 'tail', from }, 'tail');
    return m && isString(m.text) ? m.text : '';
  }

  say(text: string, warning = false): void {
    this.send({ op: 'say', text, warning });
  }

  /**
   * Asks the front to hold its exit after go's (bounded) until release(), so that go's stderr
   * stays readable; with `hung`, the run hung and we end it: the front will exit 124. Resolves
   * once the front has it (before we signal go), or when it cannot answer.
   */
  async hold(hung: boolean): Promise<void> {
    await this.request({ op: hung ? 'hung' : 'hold' }, hung ? 'hung' : 'hold', ACK_WITHIN_MS);
  }

  release(): void {
    this.send({ op: 'release' });
  }

  private send(m: Message): void {
    if (this.closedFlag) return;
    this.socket.write(`${JSON.stringify(m)}\n`);
  }

  private request(m: Message, re: string, withinMs?: number): Promise<Message | null> {
    if (this.closedFlag) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter = { re, resolve };
      this.waiting.push(waiter);
      this.send(m);
      if (withinMs !== undefined) {
        setTimeout(() => {
          const at = this.waiting.indexOf(waiter);
          if (at >= 0) this.waiting.splice(at, 1)[0].resolve(null);
        }, withinMs).unref();
      }
    });
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    for (let nl = this.buffered.indexOf('\n'); nl >= 0; nl = this.buffered.indexOf('\n')) {
      const line = this.buffered.slice(0, nl);
      this.buffered = this.buffered.slice(nl + 1);
      let m: unknown;
      try {
        m = JSON.parse(line);
      } catch {
        continue; // not ours to break on
      }
      if (m !== null && typeof m === 'object') this.dispatch(m as Message);
    }
  }

  private dispatch(m: Message): void {
    if (isString(m.re)) {
      const at = this.waiting.findIndex((w) => w.re === m.re);
      if (at >= 0) this.waiting.splice(at, 1)[0].resolve(m);
      return;
    }
    switch (m.ev) {
      case 'hello':
        this.hello = parseHello(m);
        this.helloWaiter?.(this.hello);
        break;
      case 'sigquit':
        this.sigquitSeen = true;
        this.onSigquit();
        break;
      case 'signal':
        if (isString(m.name)) this.onSignal(m.name);
        break;
      case 'exit':
        this.exit = {
          code: isNumber(m.code) ? m.code : null,
          signal: isString(m.signal) ? m.signal : null,
          endedMs: isNumber(m.endedMs) ? m.endedMs : Date.now(),
        };
        this.markEnded();
        this.onExit(this.exit);
        break;
    }
  }

  private close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    for (const w of this.waiting.splice(0)) w.resolve(null);
    this.helloWaiter?.(null);
    this.markEnded();
    this.onClose();
  }
}
