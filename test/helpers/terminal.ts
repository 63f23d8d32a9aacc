// A real interactive shell in a real terminal, as a person uses it: tmux runs the shell in a
// detached session on a socket of our own; keys go in with send-keys, the screen comes back
// with capture-pane. The tmux server is ended through that socket and, if need be, by its pid.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { shQuote } from '../../src/shell-quote';

/**
 * How long the screen may take to show what a test waits for. A shell's first compinit scans
 * every completion function (seconds on a loaded 2-core machine); the wait ends as soon as the
 * screen shows it, so a generous bound costs a passing test nothing.
 */
export const SCREEN_WAIT_MS = 60_000;
const POLL_MS = 50;

/** Typed once the shell is up; its output, alone on a line, says the shell has run its rc files and reads keys. */
const READY_COMMAND = 'echo "gomodshim""-ready"';
const READY_LINE = 'gomodshim-ready';

export class Terminal {
  private constructor(
    private readonly socket: string,
    private readonly serverPid: number,
  ) {}

  /** Starts argv (an interactive shell) in a 200×50 terminal, in cwd, with exactly env. */
  static start(argv: readonly string[], opts: { env: NodeJS.ProcessEnv; cwd: string }): Terminal {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomod-shim-tmux-'));
    const socket = path.join(dir, 'socket');
    // -f /dev/null: no tmux.conf of anyone's; the server and so the shell get env as it is,
    // less the variables of a tmux the tests themselves may run in.
    const env = { ...opts.env, TMUX: undefined, TMUX_PANE: undefined };
    const tmux = (...args: string[]) => spawnSync('tmux', ['-S', socket, '-f', '/dev/null', ...args], { env, encoding: 'utf8' });
    // Beside the shell, a watcher ends the server once this process is gone, even when it was
    // killed (a test runner's timeout) before it could close the terminal itself.
    const watcher = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; tmux -S ${shQuote(socket)} kill-server`;
    const shell = ['sh', '-c', `(${watcher}) >/dev/null 2>&1 & exec "$@"`, 'sh', ...argv];
    const started = tmux('new-session', '-d', '-x', '200', '-y', '50', '-c', opts.cwd, '--', ...shell);
    assert.equal(started.status, 0, `tmux new-session: ${started.error ?? started.stderr}`);
    const pid = Number(tmux('display-message', '-p', '#{pid}').stdout.trim());
    assert.ok(pid > 0, 'the tmux server tells its pid');
    const terminal = new Terminal(socket, pid);
    // A test that fails or ends early still ends its tmux server.
    process.once('exit', () => terminal.close());
    return terminal;
  }

  private tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8' });
    assert.equal(r.status, 0, `tmux ${args.join(' ')}: ${r.error ?? r.stderr}`);
    return r.stdout;
  }

  /** Types text as it is (no key names). */
  type(text: string): void {
    this.tmux('send-keys', '-l', '--', text);
  }

  /** Presses keys by tmux's names: Tab, Enter, C-u. */
  press(...keys: string[]): void {
    this.tmux('send-keys', '--', ...keys);
  }

  /** The visible screen, one string, trailing blanks dropped. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-J')
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trimEnd();
  }

  /** Polls the screen until `shows` holds; fails with the screen when it never does. */
  async waitFor(what: string, shows: (screen: string) => boolean): Promise<string> {
    const deadline = Date.now() + SCREEN_WAIT_MS;
    for (;;) {
      const screen = this.screen();
      if (shows(screen)) return screen;
      if (Date.now() > deadline) assert.fail(`the terminal never showed ${what} within ${SCREEN_WAIT_MS} ms; the screen:\n${screen}`);
      await sleep(POLL_MS);
    }
  }

  /** Waits until the shell has read its rc files and runs commands, then clears the screen. */
  async ready(): Promise<void> {
    this.type(READY_COMMAND);
    this.press('Enter');
    await this.waitFor('the shell ready', (s) => s.split('\n').includes(READY_LINE));
    this.tmux('clear-history');
    this.press('C-l');
    await this.waitFor('a cleared screen', (s) => !s.includes(READY_LINE));
  }

  /**
   * Types `line`, presses TAB `tabs` times (a second TAB lists what the first could not
   * complete) and waits until the screen `shows` the result; then empties the line and the
   * screen for the next one. Resolves with the screen as it showed the result.
   */
  async complete(line: string, tabs: 1 | 2, what: string, shows: (screen: string) => boolean): Promise<string> {
    this.type(line);
    for (let i = 0; i < tabs; i++) this.press('Tab');
    const screen = await this.waitFor(`${what} after ${JSON.stringify(line)} and ${tabs} TAB(s)`, shows);
    this.press('C-u', 'C-l');
    await this.waitFor('an empty prompt', (s) => !s.includes('\n') && !s.includes(line.trim()));
    return screen;
  }

  /** Ends the tmux server (its shells get SIGHUP), by its socket and then by its pid. */
  close(): void {
    if (!fs.existsSync(this.socket)) return;
    if (spawnSync('tmux', ['-S', this.socket, 'kill-server']).status !== 0) {
      try {
        process.kill(this.serverPid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    fs.rmSync(path.dirname(this.socket), { recursive: true, force: true });
  }
}

/**
 * Starts an interactive shell (argv) in a terminal, waits until it reads keys, and hands it to
 * `use`; the terminal is closed afterwards, whatever happens. The shell reads its rc files from
 * env's HOME (or ZDOTDIR), as a terminal's does.
 */
export async function inTerminal<T>(argv: readonly string[], opts: { env: NodeJS.ProcessEnv; cwd: string }, use: (t: Terminal) => Promise<T>): Promise<T> {
  const terminal = Terminal.start(argv, opts);
  try {
    await terminal.ready();
    return await use(terminal);
  } finally {
    terminal.close();
  }
}

/** The words on the screen below its first line (the prompt with what was typed): a completion listing. */
export function listedWords(screen: string): string[] {
  return screen.split('\n').slice(1).join(' ').split(/\s+/).filter(Boolean);
}
