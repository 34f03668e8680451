// Issue 18: an import of 50,000 rounds is one notification per follow and rule it touches, not 50,000 — the
// follows are matched with one query each over the rows the import stamped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as follows from '../../app/api/v1/follows/route';
import { postCsv } from '../support/csv';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => t.cleanup());

const ROWS = 50_000;

describe('a 50,000-row import', () => {
  it('is one notification per follow or rule', async () => {
    const ids: string[] = [];
    for (const body of [{ kind: 'company', target: 'harvey' }, { kind: 'investor', target: 'sequoia' }, { kind: 'view', target: '/investments?round_type=seed' }, { kind: 'company', target: 'baidu' }]) {
      const reply = await call(follows.POST, '/api/v1/follows', {}, { method: 'POST', body });
      expect(reply.status).toBe(201);
      ids.push(reply.body.id);
    }
    const rule = await call(list.POST, '/api/v1/alerts', { collection: 'alerts' }, { method: 'POST', body: { title: 'Series A', kind: 'new-rows', path: '/investments?round_type=series_a', channels: { inbox: true, webhook: null, email: null } } });
    expect(rule.status).toBe(201);
    const lines = ['id,company_id,round_type,announced_on,amount_usd,investors'];
    for (let n = 0; n < ROWS; n++) lines.push(`big-${n},harvey,${n % 2 ? 'seed' : 'series_a'},2024-0${1 + (n % 9)}-1${n % 10},${1000 + n},${n % 10 === 0 ? 'sequoia' : ''}`);
    const imported = await postCsv('investments', `${lines.join('\r\n')}\r\n`);
    expect(imported.status, JSON.stringify(imported.body).slice(0, 300)).toBe(200);
    expect(imported.body.inserted).toBe(ROWS);
    const notes = await t.atlas.db.selectFrom('notifications').select(['follow_id', 'alert_id', 'summary', 'payload']).execute();
    expect(notes).toHaveLength(4); // Baidu raised nothing
    const by = new Map(notes.map((n) => [n.follow_id ?? n.alert_id, n]));
    expect(by.get(ids[0])?.summary).toBe('50000 new rounds match “Harvey”');
    expect(by.get(ids[1])?.summary).toBe('5000 new rounds match “Sequoia”');
    expect(by.get(ids[2])?.summary).toBe('25000 new rounds match “/investments?round_type=seed”');
    expect(by.get(rule.body.id)?.summary).toBe('25000 new rounds match “Series A”');
    expect(JSON.parse(String(by.get(ids[0])?.payload)).rows).toMatchObject({ count: ROWS });
  }, 300_000);
});
