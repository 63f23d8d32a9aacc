// A stand-in for dist/watcher.js in the front's tests: follows FAKE_WATCHER_PLAN (a JSON
// list of steps) over fd 3 and logs every line received to FAKE_WATCHER_LOG.
// Steps: {"send": {...}}, {"await": "hello"|"exit"|"re:stat"|...}, {"touch": PATH},
// {"log": TEXT}, {"close": true}.
'use strict';
const fs = require('node:fs');
const net = require('node:net');

fs.writeFileSync(process.env.FAKE_WATCHER_LOG + '.pid', String(process.pid));
const plan = JSON.parse(process.env.FAKE_WATCHER_PLAN || '[]');
const log = (line) => fs.appendFileSync(process.env.FAKE_WATCHER_LOG, line + '\n');
const sock = new net.Socket({ fd: 3, readable: true, writable: true });
const seen = [];
let waiter = null;
let buffered = '';

sock.on('data', (chunk) => {
  buffered += chunk.toString('utf8');
  let i;
  while ((i = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, i);
    buffered = buffered.slice(i + 1);
    log(line);
    const msg = JSON.parse(line);
    seen.push(msg.ev ? msg.ev : 're:' + msg.re);
    if (waiter) waiter();
  }
});
sock.on('end', () => {
  log('END');
  // FAKE_WATCHER_LINGER_MS: stay on after the front has gone, as a watcher finishing a record does.
  setTimeout(() => process.exit(0), Number(process.env.FAKE_WATCHER_LINGER_MS || 0));
});

function until(name) {
  return new Promise((resolve) => {
    const check = () => {
      const at = seen.indexOf(name);
      if (at < 0) return;
      seen.splice(at, 1);
      waiter = null;
      resolve();
    };
    waiter = check;
    check();
  });
}

(async () => {
  for (const step of plan) {
    if (step.send) sock.write(JSON.stringify(step.send) + '\n');
    if (step.await) await until(step.await);
    if (step.touch) fs.writeFileSync(step.touch, '');
    if (step.log) log(step.log);
    if (step.close) {
      sock.destroy();
      process.exit(0);
    }
  }
})();
