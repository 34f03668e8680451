import Markdown, { type Components } from 'react-markdown';
import { isOutside, safeHref, safeImageSrc } from '@/lib/markdown/links';

// A scenario note's Markdown as React elements. Raw HTML in the note stays text (no rehype-raw), unsafe link
// and image URLs are dropped, and links that leave the app open in a new tab with rel="noopener noreferrer".

const components: Components = {
  a({ href, children, title }) {
    if (!href) return <span className="md-dropped">{children}</span>;
    return isOutside(href) ? (
      <a href={href} title={title} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    ) : (
      <a href={href} title={title}>
        {children}
      </a>
    );
  },
  img({ src, alt, title }) {
    const safe = typeof src === 'string' ? safeImageSrc(src) : undefined;
    if (!safe) return <span className="md-dropped">{alt ? `[${alt}]` : ''}</span>;
    return <img src={safe} alt={alt ?? ''} title={title} loading="lazy" referrerPolicy="no-referrer" />;
  },
};

export function SafeMarkdown({ text }: { text: string }) {
  return (
    <div className="markdown" data-testid="markdown">
      <Markdown urlTransform={(url) => safeHref(url)} components={components}>
        {text}
      </Markdown>
    </div>
  );
}
