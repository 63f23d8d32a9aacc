import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLocks } from '../../src/monitor/locks';
import { parseNetTcp } from '../../src/monitor/net-tcp';

// Captured from this kind of machine: a go mod download connected to a loopback proxy on :40123
// (ESTABLISHED, 120 bytes unacknowledged), one connect in SYN_SENT, a listener.
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:9CBB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 51234 1 0000000000000000 100 0 0 10 0
   1: 0100007F:D2A4 0100007F:9CBB 01 00000078:00000000 00:00000000 00000000     0        0 51299 1 0000000000000000 20 4 30 10 -1
   2: 0A00020F:B3C2 0500000A:01BB 02 00000001:00000000 01:00000186 00000002     0        0 51300 2 0000000000000000 100 0 0 10 -1
`;

const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:9CBC 00000000000000000000000001000000:C001 01 00000000:00000010 00:00000000 00000000     0        0 61000 1 0000000000000000 20 4 0 10 -1
   1: 0000000000000000FFFF00000100007F:9CBD 0000000000000000FFFF00000100007F:C002 08 00000000:00000000 00:00000000 00000000     0        0 61001 1 0000000000000000 20 4 0 10 -1
`;

test('parses IPv4 sockets with state and queues', () => {
  const s = parseNetTcp(TCP);
  assert.equal(s.length, 3);
  assert.deepEqual(s[0], { inode: 51234, local: '127.0.0.1:40123', remote: '0.0.0.0:0', state: 'LISTEN', txQueue: 0, rxQueue: 0 });
  assert.deepEqual(s[1], { inode: 51299, local: '127.0.0.1:53924', remote: '127.0.0.1:40123', state: 'ESTABLISHED', txQueue: 120, rxQueue: 0 });
  assert.equal(s[2].state, 'SYN_SENT');
  assert.equal(s[2].remote, '10.0.0.5:443');
});

test('parses IPv6 and v4-mapped sockets', () => {
  const s = parseNetTcp(TCP6);
  assert.equal(s[0].local, '[::1]:40124');
  assert.equal(s[0].rxQueue, 16);
  assert.equal(s[1].remote, '127.0.0.1:49154');
  assert.equal(s[1].state, 'CLOSE_WAIT');
});

test('parses holders and waiters of file locks', () => {
  const locks = parseLocks(
    '1: FLOCK  ADVISORY  WRITE 6735 fe:00:2147172 0 EOF\n' +
      '1: -> FLOCK  ADVISORY  WRITE 6736 fe:00:2147172 0 EOF\n' +
      '2: POSIX  ADVISORY  READ 900 08:01:77 0 EOF\n' +
      '3: OFDLCK ADVISORY  WRITE -1 08:01:78 0 EOF\n',
  );
  assert.deepEqual(locks[0], { id: 1, waiting: false, kind: 'FLOCK', access: 'WRITE', pid: 6735, fileId: '254:0:2147172' });
  assert.deepEqual(locks[1], { id: 1, waiting: true, kind: 'FLOCK', access: 'WRITE', pid: 6736, fileId: '254:0:2147172' });
  assert.equal(locks[2].fileId, '8:1:77');
  assert.equal(locks[3].pid, -1);
});
