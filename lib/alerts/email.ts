import nodemailer, { type Transporter } from 'nodemailer';
import { eventUrl, type DeliveryEvent } from './delivery-format';

// Email deliveries through SMTP (ATLAS_SMTP_URL): one message per delivery, plain text and HTML, each with the
// event in English and in Chinese. The delivery id travels as the Message-ID's local part and an X-Atlas-Delivery
// header, so a resent delivery is recognisable as the same one.

export interface EmailOutcome {
  ok: boolean;
  error: string | null;
  /** The SMTP server's last reply code (250 when accepted), when it answered. */
  status: number | null;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function emailMessage(event: DeliveryEvent, publicUrl: string | undefined): { subject: string; text: string; html: string } {
  const link = eventUrl(event.url, publicUrl);
  const zh = event.summaryZh ?? event.summary;
  const subject = `AIGC Atlas alert “${event.alert.title}”: ${event.summary}`;
  const text = [
    `Alert “${event.alert.title}” (${event.kind}), ${event.at}`,
    event.summary,
    ...(link ? [`See: ${link}`] : []),
    '',
    `提醒“${event.alert.title}”(${event.kind}),${event.at}`,
    zh,
    ...(link ? [`查看:${link}`] : []),
    '',
    `Delivery ${event.deliveryId}`,
  ].join('\n');
  const anchor = (label: string) => (link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(label)}</a></p>` : '');
  const html = [
    '<!doctype html><html><body>',
    `<section lang="en"><h1>Alert “${escapeHtml(event.alert.title)}”</h1><p>${escapeHtml(event.summary)}</p>${anchor('See the rows')}<p><small>${escapeHtml(event.kind)} · ${escapeHtml(event.at)}</small></p></section>`,
    `<section lang="zh-CN"><h1>提醒“${escapeHtml(event.alert.title)}”</h1><p>${escapeHtml(zh)}</p>${anchor('查看这些行')}<p><small>${escapeHtml(event.kind)} · ${escapeHtml(event.at)}</small></p></section>`,
    `<p><small>Delivery ${escapeHtml(event.deliveryId)}</small></p>`,
    '</body></html>',
  ].join('');
  return { subject, text, html };
}

const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    const url = new URL(smtpUrl);
    url.searchParams.set('connectionTimeout', '10000');
    url.searchParams.set('greetingTimeout', '10000');
    url.searchParams.set('socketTimeout', '10000');
    transport = nodemailer.createTransport(url.href);
    transports.set(smtpUrl, transport);
  }
  return transport;
}

export async function sendEmail(
  event: DeliveryEvent,
  to: string,
  settings: { smtpUrl: string | undefined; from: string; publicUrl: string | undefined },
): Promise<EmailOutcome> {
  if (!settings.smtpUrl) return { ok: false, status: null, error: 'not sent: no SMTP server is configured (set ATLAS_SMTP_URL)' };
  const { subject, text, html } = emailMessage(event, settings.publicUrl);
  const domain = /@([^>\s]+)>?$/.exec(settings.from)?.[1] ?? 'localhost';
  try {
    const info = await transportFor(settings.smtpUrl).sendMail({
      from: settings.from,
      to,
      subject,
      text,
      html,
      messageId: `<${event.deliveryId}@${domain}>`,
      headers: { 'X-Atlas-Delivery': event.deliveryId },
    });
    const code = /^(\d{3})/.exec(String(info.response ?? ''))?.[1];
    return { ok: true, status: code ? Number(code) : 250, error: null };
  } catch (error) {
    const failure = error as Error & { responseCode?: number; code?: string };
    return { ok: false, status: failure.responseCode ?? null, error: `${failure.code ?? 'SMTP'}: ${failure.message.slice(0, 300)}` };
  }
}
