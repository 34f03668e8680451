import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Atlas } from '../../db/connection';
import type { Kysely } from 'kysely';

// The outbox is written by the change that causes an event (the other half of issue 18); these tests of the sender
// start from its rows: an alert rule, a notification and pending deliveries, inserted directly.

export const SECRET = 'test-secret-of-at-least-24-characters';

export interface RuleInput {
  id?: string;
  title?: string;
  owner?: string;
  webhook?: string | null;
  email?: string | null;
  secret?: string | null;
}

type AlertsDb = Kysely<{ alerts: Record<string, unknown> }>;

export async function insertRule(atlas: Atlas, input: RuleInput = {}): Promise<string> {
  const id = input.id ?? `alert-${randomUUID().slice(0, 8)}`;
  const now = new Date().toISOString();
  await (atlas.db as unknown as AlertsDb)
    .insertInto('alerts')
    .values({
      id,
      title: input.title ?? 'OpenAI-backed seed rounds',
      kind: 'new-rows',
      path: '/investments?investor=openai&round_type=seed',
      channels: JSON.stringify({ inbox: true, webhook: input.webhook ? { url: input.webhook } : null, email: input.email ?? null }),
      webhook_secret: input.secret === undefined ? SECRET : input.secret,
      active: 1,
      failing: 0,
      owner: input.owner ?? 'local',
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A committed notification with a pending delivery per channel given (or `count` webhook deliveries). */
export async function insertPending(atlas: Atlas, alertId: string, options: { channels?: ('webhook' | 'email')[]; count?: number; owner?: string } = {}): Promise<string[]> {
  const at = new Date().toISOString();
  const ids: string[] = [];
  const count = options.count ?? 1;
  for (let i = 0; i < count; i++) {
    const notification = await atlas.db
      .insertInto('notifications')
      .values({
        owner: options.owner ?? 'local',
        follow_id: null,
        alert_id: alertId,
        kind: 'new-rows',
        at,
        summary: `3 new rounds match “OpenAI-backed seed rounds” (${i})`,
        summary_zh: `3 笔新融资符合“OpenAI 参投的种子轮”(${i})`,
        url: '/investments?id=r1&id=r2&id=r3',
        payload: JSON.stringify({ rows: { count: 3, ids: ['r1', 'r2', 'r3'] } }),
        seen_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const channel of options.channels ?? ['webhook']) {
      const id = randomUUID();
      ids.push(id);
      await atlas.db
        .insertInto('deliveries')
        .values({ id, notification_id: Number(notification.id), alert_id: alertId, channel, state: 'pending', attempts: 0, next_attempt_at: at, created_at: at })
        .execute();
    }
  }
  return ids;
}

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Answer = (request: Received, index: number) => { status: number; body?: string; headers?: Record<string, string>; delayMs?: number } | 'hang';

/** A real HTTP receiver on 127.0.0.1 that records every request and answers as `answer` says (200 by default). */
export async function startReceiver(answer: Answer = () => ({ status: 200 })): Promise<{ url: string; received: Received[]; close: () => Promise<void>; setAnswer: (a: Answer) => void }> {
  const received: Received[] = [];
  let current = answer;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      received.push(entry);
      const reply = current(entry, received.length - 1);
      if (reply === 'hang') return;
      setTimeout(() => {
        res.writeHead(reply.status, reply.headers ?? { 'content-type': 'text/plain' });
        res.end(reply.body ?? '');
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    setAnswer: (a) => {
      current = a;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 15_000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
