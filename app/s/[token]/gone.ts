import type { Locale } from '@/lib/i18n';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small standalone page for a link that cannot be opened (the app's shell is not for visitors); its style carries the CSP nonce. */
export function gonePage(status: 404 | 410, locale: Locale, nonce: string, title: string, lines: string[], action: { href: string; label: string } | null): Response {
  const html = `<!doctype html>
<html lang="${locale === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)} · AIGC Atlas</title>
<style nonce="${escape(nonce)}">
:root{color-scheme:light dark;--bg:#f6f7f9;--fg:#1a1d21;--muted:#5b6470;--card:#fff;--line:#d9dde3;--accent:#0b5cad}
@media (prefers-color-scheme:dark){:root{--bg:#14171b;--fg:#e6e8eb;--muted:#a3acb7;--card:#1d2126;--line:#333a42;--accent:#7ab4f5}}
body{margin:0;font:15px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;background:var(--bg);color:var(--fg);display:grid;place-items:center;min-height:100vh}
main{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:28px 32px;max-width:520px}
.brand{color:var(--accent);font-weight:600}.code{color:var(--muted);font-size:13px}h1{font-size:20px;margin:8px 0 12px}a{color:var(--accent)}
</style></head><body><main>
<div class="brand">◆ AIGC Atlas</div>
<h1>${escape(title)}</h1>
${lines.map((line) => `<p>${escape(line)}</p>`).join('\n')}
${action ? `<p><a href="${escape(action.href)}">${escape(action.label)}</a></p>` : ''}
<p class="code">HTTP ${status}</p>
</main></body></html>`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
