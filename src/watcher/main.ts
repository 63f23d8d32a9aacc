// The watcher: started by the compiled front (front/) beside go for runs still going after a
// second, as `node dist/watcher.js` with its own session, stdio on /dev/null and fd 3 a socket
// to the front (docs/front-protocol.md). It never stands between the caller and go.
// `node dist/watcher.js --fold`: the front's other use of it, when the run journals of short
// runs pile up: fold them into the database, then exit.
import { loadConfig } from '../config';
import { HistoryStore } from '../store/store';
import { FrontLink } from './front-link';
import { watchRun } from './run';
import { setSink, warnOnce } from './warn';

const HELLO_WITHIN_MS = 5000;

async function watch(): Promise<void> {
  const link = FrontLink.onFd(3);
  setSink((text, warning) => link.say(text, warning));
  // A bug of ours must not keep the front waiting for a release that never comes.
  process.on('uncaughtException', (err) => {
    warnOnce(`internal error: ${err.message}`);
    link.release();
  });
  const hello = await link.awaitHello(HELLO_WITHIN_MS);
  if (hello) await watchRun(link, hello);
}

/** Folds finished journals into the database; nobody hears of a failure (the next reader retries). */
function fold(): void {
  const { dbPath } = loadConfig(process.env).config;
  try {
    const store = new HistoryStore(dbPath);
    store.ingestAll();
    store.close();
  } catch {
    // a reader will fold them in
  }
}

if (process.argv.includes('--fold')) fold();
else void watch().then(() => process.exit(0));
