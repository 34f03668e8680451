import { describe, expect, it } from 'vitest';
import { checkWebhookTarget, checkWebhookUrl, isPrivateAddress } from '../../lib/alerts/webhook-target';

describe('webhook targets', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', 'not-an-ip'])(
    '%s is private or reserved',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );
  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111'])('%s is public', (address) => expect(isPrivateAddress(address)).toBe(false));

  it('refuses other schemes, credentials and non-URLs', () => {
    expect(checkWebhookUrl('ftp://example.com/x')).toMatchObject({ ok: false, message: expect.stringContaining('http') });
    expect(checkWebhookUrl('https://user:pw@example.com/x')).toMatchObject({ ok: false, message: expect.stringContaining('credentials') });
    expect(checkWebhookUrl('not a url')).toMatchObject({ ok: false });
    expect(checkWebhookUrl('https://example.com/hook')).toMatchObject({ ok: true });
  });

  it('refuses loopback unless private targets are allowed', async () => {
    expect(await checkWebhookTarget('http://127.0.0.1:9/hook', { allowPrivate: false })).toMatchObject({ ok: false, message: expect.stringContaining('private') });
    expect(await checkWebhookTarget('http://[::1]:9/hook', { allowPrivate: false })).toMatchObject({ ok: false });
    expect(await checkWebhookTarget('http://[::ffff:127.0.0.1]:9/hook', { allowPrivate: false })).toMatchObject({ ok: false });
    expect(await checkWebhookTarget('http://localhost:9/hook', { allowPrivate: false })).toMatchObject({ ok: false });
    expect(await checkWebhookTarget('http://127.0.0.1:9/hook', { allowPrivate: true })).toMatchObject({ ok: true, addresses: [{ address: '127.0.0.1', family: 4 }] });
  });
});
