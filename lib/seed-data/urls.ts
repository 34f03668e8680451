/**
 * Why a source URL does not point at a page, or null when it does: an http(s) URL whose path (or query) names
 * something more than the site's home page or a bare date folder such as /2023/10/09/, which is what a
 * truncated article address looks like.
 */
export function sourceUrlProblem(value: string): string | null {
  if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) return 'is not an http(s) URL';
  const url = new URL(value);
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '' && url.search === '') return 'is a bare domain, not the page that states the figure';
  if (/^(\/\d{4})(\/\d{1,2}){0,2}$/.test(path) && url.search === '') return 'is a bare date path, not an article';
  return null;
}
