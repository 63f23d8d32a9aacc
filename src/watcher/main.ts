// The watcher: started by the compiled front (front/) beside go for runs still going after a
// second, as `node dist/watcher.js` with its own session, stdio on /dev/null and fd 3 a socket
// to the front (docs/front-protocol.md). It never stands between the caller and go.
import { FrontLink } from './front-link';
import { watchRun } from './run';
import { setSink, warnOnce } from './warn';

const HELLO_WITHIN_MS = 5000;

async function main(): Promise<void> {
  const link = FrontLink.onFd(3);
  setSink((text, warning) => link.say(text, warning));
  // A bug of ours must not keep the front waiting for a release that never comes.
  process.on('uncaughtException', (err) => {
    warnOnce(`internal error: ${err.message}`);
    link.release();
  });
  const hello = await link.awaitHello(HELLO_WITHIN_MS);
  if (hello) await watchRun(link, hello);
  process.exit(0);
}

void main();
