// An Atom 1.0 feed (RFC 4287) of a user's notifications. Pure: the caller passes absolute URLs.

export interface AtomEntry {
  id: number;
  at: string;
  title: string;
  link: string;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
// XML 1.0 cannot carry most control characters, even escaped.
const clean = (text: string) => escape(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));

/**
 * The feed. `feedId` is a stable URI that does not hold the token (the token is the feed's secret: it stays out
 * of the document, which a reader may pass on).
 */
export function atomFeed(input: { feedId: string; title: string; origin: string; updated: string; entries: readonly AtomEntry[] }): string {
  const entries = input.entries.map(
    (e) => `  <entry>
    <id>${clean(`${input.feedId}:${e.id}`)}</id>
    <title>${clean(e.title)}</title>
    <updated>${clean(e.at)}</updated>
    <link rel="alternate" type="text/html" href="${clean(e.link)}"/>
    <summary>${clean(e.title)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${clean(input.feedId)}</id>
  <title>${clean(input.title)}</title>
  <updated>${clean(input.updated)}</updated>
  <author><name>AIGC Atlas</name></author>
  <link rel="alternate" type="text/html" href="${clean(`${input.origin}/whats-new`)}"/>
${entries.join('\n')}
</feed>
`;
}
