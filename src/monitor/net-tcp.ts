// Parser for /proc/net/tcp and /proc/net/tcp6 (proc(5)): one socket per line, keyed by inode,
// so a process's fd links (socket:[INODE]) tell which connections it holds.

export type TcpState =
  | 'ESTABLISHED'
  | 'SYN_SENT'
  | 'SYN_RECV'
  | 'FIN_WAIT1'
  | 'FIN_WAIT2'
  | 'TIME_WAIT'
  | 'CLOSE'
  | 'CLOSE_WAIT'
  | 'LAST_ACK'
  | 'LISTEN'
  | 'CLOSING'
  | 'UNKNOWN';

const STATES: TcpState[] = [
  'UNKNOWN',
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
];

export interface TcpSocket {
  inode: number;
  local: string; // "127.0.0.1:41234" or "[::1]:41234"
  remote: string;
  state: TcpState;
  txQueue: number; // bytes sent, not yet acknowledged
  rxQueue: number; // bytes received, not yet read by the process
}

/** "0100007F" (little-endian words) → "127.0.0.1"; 32 hex digits → an IPv6 address. */
function decodeAddress(hex: string): string {
  const bytes: number[] = [];
  for (let w = 0; w < hex.length; w += 8) {
    const word = hex.slice(w, w + 8);
    for (let b = 6; b >= 0; b -= 2) bytes.push(parseInt(word.slice(b, b + 2), 16));
  }
  if (bytes.length === 4) return bytes.join('.');
  const isV4Mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (isV4Mapped) return bytes.slice(12).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return `[${groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::')}]`;
}

function decodeEndpoint(field: string): string {
  const [addr, port] = field.split(':');
  return `${decodeAddress(addr)}:${parseInt(port, 16)}`;
}

export function parseNetTcp(text: string): TcpSocket[] {
  const sockets: TcpSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [tx, rx] = f[4].split(':').map((h) => parseInt(h, 16));
    sockets.push({
      inode: Number(f[9]),
      local: decodeEndpoint(f[1]),
      remote: decodeEndpoint(f[2]),
      state: STATES[parseInt(f[3], 16)] ?? 'UNKNOWN',
      txQueue: tx,
      rxQueue: rx,
    });
  }
  return sockets;
}
