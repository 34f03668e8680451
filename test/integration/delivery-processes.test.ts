// Deliveries across real processes (test/support/delivery-child.ts runs the sender as the app starts it): a process
// SIGKILLed after the commit and before sending sends after restart; one killed while sending resends the same
// delivery id; two processes on one database send each delivery exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { insertPending, insertRule, startReceiver, waitFor } from '../support/deliveries';

const CHILD = path.resolve(__dirname, '../support/delivery-child.ts');

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => t.cleanup());

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Start a child and resolve once it printed `ready` (a line starting so), with that line. */
function child(args: string[], ready: string): Promise<{ process: ChildProcess; line: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, ATLAS_SEED: 'off', ATLAS_WEBHOOK_ALLOW_PRIVATE: '1', ATLAS_WEBHOOK_RETRY_MS: '50' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(proc);
    let output = '';
    proc.stdout!.on('data', (data: Buffer) => {
      output += data.toString();
      const line = output.split('\n').find((l) => l.startsWith(ready));
      if (line) resolve({ process: proc, line, output: () => output });
    });
    proc.stderr!.on('data', (data: Buffer) => (output += data.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => reject(new Error(`child exited (${code ?? signal}) before "${ready}": ${output}`)));
  });
}

/** The last "attempted N" a child printed. */
const lastAttempted = (output: string) => Number([...output.matchAll(/^attempted (\d+)$/gm)].at(-1)?.[1] ?? 0);

const killed = (proc: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });

const delivery = (id: string) => t.atlas.db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('deliveries across processes', () => {
  it('a process killed after the commit and before sending: the delivery is sent after restart', async () => {
    const receiver = await startReceiver();
    try {
      const alertId = await insertRule(t.atlas, { webhook: receiver.url });
      const committed = await child(['commit', alertId], 'committed ');
      const id = committed.line.slice('committed '.length);
      await killed(committed.process);
      expect(committed.process.signalCode).toBe('SIGKILL');
      expect(receiver.received).toHaveLength(0);
      expect(await delivery(id)).toMatchObject({ state: 'pending', attempts: 0, claimed_until: null });

      const restarted = await child(['serve'], 'serving');
      await waitFor(async () => (await delivery(id)).state === 'sent', 20_000, 'the delivery to be sent after restart');
      await killed(restarted.process);
      expect(receiver.received.map((r) => r.headers['x-atlas-delivery'])).toEqual([id]);
    } finally {
      await receiver.close();
    }
  });

  it('a process killed while sending: the next one resends the same delivery id once the claim has run out', async () => {
    const receiver = await startReceiver((_r, i) => (i === 0 ? 'hang' : { status: 200 }));
    try {
      const alertId = await insertRule(t.atlas, { webhook: receiver.url });
      const [id] = await insertPending(t.atlas, alertId);
      const first = await child(['serve', '1500'], 'serving');
      await waitFor(() => receiver.received.length === 1, 20_000, 'the first POST');
      await killed(first.process);
      expect(await delivery(id)).toMatchObject({ state: 'pending', attempts: 0 });

      const second = await child(['serve', '1500'], 'serving');
      await waitFor(async () => (await delivery(id)).state === 'sent', 20_000, 'the resend');
      await killed(second.process);
      expect(receiver.received.map((r) => r.headers['x-atlas-delivery'])).toEqual([id, id]);
      expect(JSON.parse(receiver.received[1].body).id).toBe(id);
      // The cut attempt was never recorded: one attempt, the one that succeeded.
      expect(await delivery(id)).toMatchObject({ attempts: 1, last_status: 200 });
    } finally {
      await receiver.close();
    }
  });

  it('two processes on one database send each of many deliveries exactly once', async () => {
    // A little latency per answer, so that both senders are busy at once.
    const receiver = await startReceiver(() => ({ status: 200, delayMs: 10 }));
    try {
      const alertId = await insertRule(t.atlas, { webhook: receiver.url });
      const ids = await insertPending(t.atlas, alertId, { count: 200 });
      const [a, b] = await Promise.all([child(['serve'], 'serving'), child(['serve'], 'serving')]);
      await waitFor(async () => {
        const left = await t.atlas.db.selectFrom('deliveries').select('id').where('alert_id', '=', alertId).where('state', '<>', 'sent').limit(1).execute();
        return left.length === 0;
      }, 60_000, 'every delivery to be sent');
      // Anything sent twice would have arrived by now; wait a little longer for a late duplicate all the same (and
      // for each child to print its final count).
      await new Promise((resolve) => setTimeout(resolve, 500));
      const counts = [lastAttempted(a.output()), lastAttempted(b.output())];
      await Promise.all([killed(a.process), killed(b.process)]);
      const got = receiver.received.map((r) => String(r.headers['x-atlas-delivery']));
      expect(got).toHaveLength(ids.length);
      expect(new Set(got)).toEqual(new Set(ids));
      const attempts = await t.atlas.db.selectFrom('delivery_attempts').select('delivery_id').where('delivery_id', 'in', ids).execute();
      expect(attempts).toHaveLength(ids.length);
      // Both processes took part (each claims 5 per poll), and their attempts add up to one per delivery.
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts[1]).toBeGreaterThan(0);
      expect(counts[0] + counts[1]).toBe(ids.length);
    } finally {
      await receiver.close();
    }
  });
});
