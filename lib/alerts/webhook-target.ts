import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

// Issue 18: a webhook may only reach the public internet. The URL is checked when a rule is saved and its host's
// addresses again at each delivery, and the sender connects to the address it checked, so DNS cannot be rebound
// to an inside address between the check and the request.

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

// IPv4-mapped IPv6 (::ffff:7f00:1 is 127.0.0.1) is refused whole: kept apart, because a BlockList also matches
// plain IPv4 addresses against such a rule.
const ipv4Mapped = new BlockList();
ipv4Mapped.addSubnet('::ffff:0:0', 96, 'ipv6');

/** Loopback, private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, reserved or multicast. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6 && ipv4Mapped.check(address, 'ipv6')) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type TargetCheck =
  | { ok: true; url: URL; addresses: { address: string; family: 4 | 6 }[] }
  | { ok: false; message: string };

/** The URL's shape alone: http(s), a host, no credentials. */
export function checkWebhookUrl(raw: string): { ok: true; url: URL } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: 'webhook url is not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: 'webhook url must be http or https' };
  if (url.username || url.password) return { ok: false, message: 'webhook url must not carry credentials' };
  if (!url.hostname) return { ok: false, message: 'webhook url has no host' };
  return { ok: true, url };
}

/** The URL's shape and every address its host resolves to; `allowPrivate` (ATLAS_WEBHOOK_ALLOW_PRIVATE=1) skips the ranges. */
export async function checkWebhookTarget(raw: string, options: { allowPrivate: boolean }): Promise<TargetCheck> {
  const shape = checkWebhookUrl(raw);
  if (!shape.ok) return shape;
  const host = shape.url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true, verbatim: true });
  } catch {
    return { ok: false, message: `webhook host ${host} does not resolve` };
  }
  if (addresses.length === 0) return { ok: false, message: `webhook host ${host} does not resolve` };
  if (!options.allowPrivate) {
    const inside = addresses.find((a) => isPrivateAddress(a.address));
    if (inside) return { ok: false, message: `webhook host ${host} resolves to a private or reserved address (${inside.address})` };
  }
  return { ok: true, url: shape.url, addresses: addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })) };
}
