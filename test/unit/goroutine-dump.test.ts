import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { extractDump, parseGoroutineDump } from '../../src/snapshot/goroutine-dump';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../../test/fixtures/dumps', name), 'utf8');

test('Go 1.19 dump of a go mod download waiting on a silent proxy', () => {
  const gs = parseGoroutineDump(fixture('go1.19-sigquit-proxy-unresponsive.txt'));
  assert.deepEqual(
    gs.map((g) => g.id),
    [0, 1, 2, 3, 4, 18, 19, 5, 6],
  );
  const main = gs.find((g) => g.id === 1)!;
  assert.equal(main.state, 'chan receive');
  assert.equal(main.wait_minutes, 0);
  assert.deepEqual(main.frames[3], {
    function: 'cmd/go/internal/modload.readModGraph',
    file: '/usr/lib/go-1.19/src/cmd/go/internal/modload/buildlist.go',
    line: 387,
  });
  assert.equal(main.frames.at(-1)!.function, 'runtime.goexit');
  assert.equal(main.created_by, null);
  const worker = gs.find((g) => g.id === 19)!;
  assert.ok(
    worker.frames.some((f) => f.function === 'cmd/go/internal/modfetch.(*proxyRepo).getBytes'),
    'proxyRepo frame',
  );
  assert.ok(
    worker.frames.some((f) => f.function === 'net/http.(*persistConn).roundTrip'),
    'roundTrip frame',
  );
  assert.equal(worker.created_by!.function, 'cmd/go/internal/par.(*Queue).Add');
  // "sync.(*Once).Do(...)" frames have no +0x offset on their location line
  assert.ok(main.frames.some((f) => f.function === 'sync.(*Once).Do' && f.line === 65));
});

test('Go 1.19 dump of a connect that never completes', () => {
  const gs = parseGoroutineDump(fixture('go1.19-sigquit-connect-stall.txt'));
  assert.ok(gs.some((g) => g.frames.some((f) => f.function === 'net.(*netFD).connect')));
  assert.ok(gs.some((g) => g.created_by?.function === 'net.(*netFD).connect'));
});

test('Go 1.23+ headers (gp=, m=, mp=), wait minutes, locked to thread, "in goroutine N"', () => {
  const text = fixture('go1.23-style-proxy-unresponsive.txt');
  const dump = extractDump(text)!;
  assert.ok(dump.startsWith('SIGQUIT: quit\n'), 'the ^\\ echo and earlier stderr are cut off');
  const gs = parseGoroutineDump(dump);
  const old = parseGoroutineDump(fixture('go1.19-sigquit-proxy-unresponsive.txt'));
  assert.equal(gs.length, old.length);
  const io = gs.find((g) => g.id === 5)!;
  assert.equal(io.state, 'IO wait');
  assert.equal(io.wait_minutes, 3);
  const main = gs.find((g) => g.id === 1)!;
  assert.deepEqual([main.state, main.wait_minutes, main.locked_to_thread], ['chan receive', 12, true]);
  assert.equal(main.frames.at(-1)!.function, 'runtime.goexit');
  assert.equal(io.created_by!.function, 'net/http.(*Transport).dialConn');
  assert.equal(io.frames.length, old.find((g) => g.id === 5)!.frames.length);
});

test('a stderr without a dump has none', () => {
  assert.equal(extractDump('go: downloading example.com/m v1.0.0\n'), null);
  assert.deepEqual(parseGoroutineDump('go: downloading example.com/m v1.0.0\n'), []);
});

test('frames whose stack is unavailable or elided do not break parsing', () => {
  const gs = parseGoroutineDump(
    [
      'goroutine 9 [running]:',
      '\tgoroutine running on other thread; stack unavailable',
      '',
      'goroutine 10 [select, 2 minutes]:',
      'main.loop(...)',
      '\t/src/main.go:10',
      '...additional frames elided...',
      'created by main.main in goroutine 1',
      '\t/src/main.go:5 +0x25',
      '',
    ].join('\n'),
  );
  assert.equal(gs.length, 2);
  assert.deepEqual(gs[0].frames, []);
  assert.deepEqual(gs[1].frames, [{ function: 'main.loop', file: '/src/main.go', line: 10 }]);
  assert.deepEqual(gs[1].created_by, { function: 'main.main', file: '/src/main.go', line: 5 });
});
