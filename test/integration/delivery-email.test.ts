// Email deliveries to a real SMTP server on 127.0.0.1 (the smtp-server package): plain text and HTML, English and
// Chinese, the rule named in the subject; without ATLAS_SMTP_URL a clear error, retried like any failure.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAtlas } from '../../db/connection';
import { DeliverySender, settingsFromEnv } from '../../db/delivery-sender';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { insertPending, insertRule } from '../support/deliveries';

let t: TestDatabase;
let smtp: SMTPServer;
let smtpUrl = '';
const mails: { from: string; to: string[]; data: string }[] = [];

beforeAll(async () => {
  t = await useTestDatabase();
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await t.cleanup();
});

const delivery = (id: string) => t.atlas.db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** A MIME part's text, quoted-printable or base64 as nodemailer chose. */
function decodedParts(raw: string): string {
  const out: string[] = [raw];
  for (const part of raw.split(/\r?\n--/)) {
    const [head, ...rest] = part.split(/\r?\n\r?\n/);
    const body = rest.join('\n\n');
    if (/content-transfer-encoding: base64/i.test(head)) out.push(Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8'));
    else if (/content-transfer-encoding: quoted-printable/i.test(head)) {
      const soft = body.replace(/=\r?\n/g, '');
      out.push(Buffer.from(soft.replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
    }
  }
  return out.join('\n');
}

/** The Subject header, its RFC 2047 encoded words decoded. */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1] ?? '';
  return header
    .replace(/\?=\r?\n[ \t]+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

describe('email deliveries', () => {
  it('sends one message in both languages, text and HTML, naming the rule', async () => {
    const alertId = await insertRule(t.atlas, { title: 'Seed rounds', email: 'analyst@example.org', secret: null });
    const [id] = await insertPending(t.atlas, alertId, { channels: ['email'] });
    const sender = new DeliverySender(getAtlas, settingsFromEnv({ smtpUrl, smtpFrom: 'AIGC Atlas <atlas@example.org>', retryBaseMs: 1 }), () => {});
    expect(await sender.pollOnce()).toBe(1);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.from).toBe('atlas@example.org');
    expect(mail.to).toEqual(['analyst@example.org']);
    expect(subjectOf(mail.data)).toBe('AIGC Atlas alert “Seed rounds”: 3 new rounds match “OpenAI-backed seed rounds” (0)');
    expect(mail.data).toMatch(/Content-Type: text\/plain/i);
    expect(mail.data).toMatch(/Content-Type: text\/html/i);
    expect(mail.data).toContain(`X-Atlas-Delivery: ${id}`);
    expect(mail.data).toContain(`Message-ID: <${id}@example.org>`);
    const text = decodedParts(mail.data);
    expect(text).toContain('3 new rounds match “OpenAI-backed seed rounds” (0)');
    expect(text).toContain('3 笔新融资符合“OpenAI 参投的种子轮”(0)');
    expect(text).toContain('<section lang="zh-CN">');
    expect(await delivery(id)).toMatchObject({ state: 'sent', attempts: 1, last_status: 250, last_error: null });
  });

  it('without ATLAS_SMTP_URL an email delivery fails with a clear error and is retried like any other', async () => {
    const alertId = await insertRule(t.atlas, { email: 'analyst@example.org', secret: null });
    const [id] = await insertPending(t.atlas, alertId, { channels: ['email'] });
    const sender = new DeliverySender(getAtlas, settingsFromEnv({ smtpUrl: undefined, retryBaseMs: 60_000 }), () => {});
    await sender.pollOnce();
    expect(await delivery(id)).toMatchObject({ state: 'pending', attempts: 1, last_status: null, last_error: 'not sent: no SMTP server is configured (set ATLAS_SMTP_URL)' });
  });

  it('records the SMTP server refusing a recipient', async () => {
    const alertId = await insertRule(t.atlas, { email: 'nobody@invalid', secret: null });
    const [id] = await insertPending(t.atlas, alertId, { channels: ['email'] });
    const refusing = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const url = `smtp://127.0.0.1:${(refusing.server.address() as AddressInfo).port}`;
      await new DeliverySender(getAtlas, settingsFromEnv({ smtpUrl: url, retryBaseMs: 60_000 }), () => {}).pollOnce();
      const row = await delivery(id);
      expect(row).toMatchObject({ state: 'pending', attempts: 1, last_status: 550 });
      expect(row.last_error).toMatch(/no such mailbox/);
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});
