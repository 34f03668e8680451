import { describe, expect, it } from 'vitest';
import { readEnv } from '../../lib/env';
import { contentSecurityPolicy, nonceOf, pageSecurityHeaders, parseEmbedOrigins } from '../../lib/security/headers';

const base = { nonce: 'bm9uY2U=', pathname: '/companies', embedOrigins: [], development: false };
const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));

describe('page security headers', () => {
  it('allow scripts only from this origin with the request nonce, no eval in production', () => {
    const csp = directives(contentSecurityPolicy(base));
    expect(csp.get('script-src')).toBe("'self' 'nonce-bm9uY2U='");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('default-src')).toBe("'self'");
    expect(contentSecurityPolicy({ ...base, development: true })).toContain("'unsafe-eval'");
  });

  it('let only the listed origins frame share pages, and never other pages', () => {
    const embedOrigins = ['https://wiki.example.org', 'https://notes.example.com'];
    expect(directives(contentSecurityPolicy({ ...base, pathname: '/s/abc', embedOrigins })).get('frame-ancestors')).toBe(embedOrigins.join(' '));
    expect(directives(contentSecurityPolicy({ ...base, pathname: '/companies', embedOrigins })).get('frame-ancestors')).toBe("'none'");
    expect(directives(contentSecurityPolicy({ ...base, pathname: '/shares', embedOrigins })).get('frame-ancestors')).toBe("'none'");
  });

  it('send no Referer from a share page, only the origin to other sites from the rest', () => {
    expect(pageSecurityHeaders({ ...base, pathname: '/s/abc' })['Referrer-Policy']).toBe('no-referrer');
    expect(pageSecurityHeaders(base)['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
  });

  it('reads the nonce back from a request\'s policy, for HTML a route handler writes', () => {
    expect(nonceOf(new Headers({ 'content-security-policy': contentSecurityPolicy(base) }))).toBe('bm9uY2U=');
    expect(nonceOf(new Headers())).toBe('');
  });

  it('ATLAS_EMBED_ORIGINS takes origins only, and a bad one is named', () => {
    expect(parseEmbedOrigins(undefined)).toEqual([]);
    expect(parseEmbedOrigins('https://a.example.org, http://localhost:8080/')).toEqual(['https://a.example.org', 'http://localhost:8080']);
    for (const bad of ['*', 'https://a.example.org/path', "'self'", 'javascript:alert(1)', 'example.org']) {
      expect(() => parseEmbedOrigins(bad), bad).toThrow(/ATLAS_EMBED_ORIGINS/);
    }
    expect(() => readEnv({ ATLAS_EMBED_ORIGINS: 'https://ok.example.org *' })).toThrow(/ATLAS_EMBED_ORIGINS/);
    expect(readEnv({ ATLAS_EMBED_ORIGINS: 'https://ok.example.org' }).ATLAS_EMBED_ORIGINS).toEqual(['https://ok.example.org']);
  });
});
