// A stand-in for an app process in test/integration/delivery-processes.test.ts, on DATABASE_URL:
//   commit <alertId>  commits a notification and a pending delivery (what the outbox does with a change), says
//                     "committed <id>" and stops dead before its sender can run, to be SIGKILLed there;
//   serve [claimMs]   runs the process's sender as instrumentation.ts starts it, until killed.
import fs from 'node:fs';
import { getAtlas } from '../../db/connection';
import { startDeliverySender } from '../../db/delivery-sender';
import { insertPending } from './deliveries';

async function main() {
  const [mode, arg] = process.argv.slice(2);
  const atlas = await getAtlas();
  if (mode === 'commit') {
    // The sender is running (started when the process started), but nothing it does can come between the commit
    // and the kill: the thread blocks right after the commit.
    startDeliverySender({ pollMs: 50 });
    const [id] = await insertPending(atlas, arg);
    fs.writeSync(1, `committed ${id}\n`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    return;
  }
  const sender = startDeliverySender({ pollMs: 50, batch: 5, ...(arg ? { claimMs: Number(arg) } : {}) });
  fs.writeSync(1, 'serving\n');
  // Says how many attempts it has recorded so far (this also keeps the process alive: the sender's timer does not).
  setInterval(() => fs.writeSync(1, `attempted ${sender.attempted}\n`), 100);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
