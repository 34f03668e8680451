/**
 * Which links a rendered Markdown note may keep. Browsers ignore tabs, newlines and control characters inside
 * a URL ("java\tscript:" runs), so those are removed before the scheme is read; only http, https and mailto
 * survive, plus links without a scheme (/concentration?…, #section). Everything else is dropped.
 */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

export function safeHref(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const url = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (url === '') return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (scheme) return SAFE_SCHEMES.has(scheme[1].toLowerCase()) ? url : undefined;
  // No scheme before the first / ? #: a relative link. A colon earlier than those would be a scheme in disguise.
  const colon = url.indexOf(':');
  const end = url.search(/[/?#]/);
  if (colon !== -1 && (end === -1 || colon < end)) return undefined;
  return url;
}

/** Images load only over http(s) (no data:, no relative paths into the app). */
export function safeImageSrc(raw: string | null | undefined): string | undefined {
  const url = safeHref(raw);
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

/** A link that leaves the app: it opens in a new tab with rel="noopener noreferrer". */
export function isOutside(href: string): boolean {
  return /^(https?:)?\/\//i.test(href) || /^mailto:/i.test(href);
}
