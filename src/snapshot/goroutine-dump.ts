// Parser for the goroutine dump a Go program prints on SIGQUIT (runtime/traceback.go):
//   SIGQUIT: quit
//   PC=0x… m=0 sigcode=0
//   goroutine 7 [IO wait, 3 minutes, locked to thread]:        (Go ≤ 1.22)
//   goroutine 7 gp=0xc000… m=4 mp=0xc000… [IO wait, 3 minutes]:  (Go ≥ 1.23)
//   pkg.fn(args)
//   \t/path/file.go:123 +0x1f fp=… sp=… pc=…
//   created by pkg.fn[ in goroutine 1]
//   …then a register dump.

export interface Frame {
  function: string;
  file: string;
  line: number;
}

export interface Goroutine {
  id: number;
  state: string;
  wait_minutes: number;
  locked_to_thread: boolean;
  frames: Frame[];
  created_by: Frame | null;
}

const HEADER = /^goroutine (\d+)(?: gp=\S+)?(?: m=\S+)?(?: mp=\S+)? \[([^\]]*)\]:$/;
const LOCATION = /^\t(.+?):(\d+)(?: \+0x[0-9a-f]+)?(?: .*)?$/;
const CREATED_BY = /^created by (\S+)(?: in goroutine \d+)?$/;

/** "IO wait, 3 minutes, locked to thread" → its parts. */
function parseStatus(status: string): Pick<Goroutine, 'state' | 'wait_minutes' | 'locked_to_thread'> {
  const parts = status.split(', ');
  let waitMinutes = 0;
  let locked = false;
  const rest: string[] = [];
  for (const part of parts) {
    const minutes = /^(\d+) minutes?$/.exec(part);
    if (minutes) waitMinutes = Number(minutes[1]);
    else if (part === 'locked to thread') locked = true;
    else rest.push(part);
  }
  return { state: rest.join(', '), wait_minutes: waitMinutes, locked_to_thread: locked };
}

/** "pkg.(*T).fn(0xc0…, {…})" → "pkg.(*T).fn": cut at the "(" that balances the last ")". */
function functionName(callLine: string): string {
  let depth = 0;
  for (let i = callLine.length - 1; i >= 0; i--) {
    const c = callLine[i];
    if (c === ')' || c === '}') depth++;
    else if ((c === '(' || c === '{') && --depth === 0) return callLine.slice(0, i);
  }
  return callLine;
}

export function parseGoroutineDump(text: string): Goroutine[] {
  const goroutines: Goroutine[] = [];
  let current: Goroutine | null = null;
  let pendingCall: string | null = null;
  let pendingCreatedBy = false;

  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    const header = HEADER.exec(line);
    if (header) {
      current = { id: Number(header[1]), ...parseStatus(header[2]), frames: [], created_by: null };
      goroutines.push(current);
      pendingCall = null;
      pendingCreatedBy = false;
      continue;
    }
    if (!current) continue;
    if (line === '') {
      current = null; // a blank line ends a goroutine; the register dump follows the last one
      continue;
    }
    const location = LOCATION.exec(line);
    if (location && (pendingCall !== null || pendingCreatedBy)) {
      const frame = { function: pendingCall ?? '', file: location[1], line: Number(location[2]) };
      if (pendingCreatedBy) current.created_by = frame;
      else current.frames.push(frame);
      pendingCall = null;
      pendingCreatedBy = false;
      continue;
    }
    const createdBy = CREATED_BY.exec(line);
    if (createdBy) {
      pendingCall = createdBy[1];
      pendingCreatedBy = true;
      continue;
    }
    if (!line.startsWith('\t') && !line.startsWith('...')) pendingCall = functionName(line);
  }
  return goroutines;
}

/**
 * The dump within go's stderr: from the last "SIGQUIT: quit" line (a terminal may echo "^\"
 * before it) to the end. Null when go printed none.
 */
export function extractDump(stderr: string): string | null {
  const at = stderr.lastIndexOf('SIGQUIT: quit');
  if (at < 0) return null;
  const lineStart = stderr.lastIndexOf('\n', at) + 1;
  return stderr.slice(lineStart).replace(/^\^\\/, '');
}
