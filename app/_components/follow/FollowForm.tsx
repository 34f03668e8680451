import type { FollowKind } from '@/db/follows';

export interface FollowLabels {
  follow: string;
  following: string;
  unfollow: string;
}

interface Props {
  kind: FollowKind;
  target: string;
  /** The viewer's follow of it, or null. */
  followId: string | null;
  labels: FollowLabels;
  /** The page to come back to (this page, with its query). */
  back: string;
  hint?: string;
}

/**
 * Follow or unfollow one thing: a plain form (app/following/toggle/route.ts answers with a redirect back here), so
 * it works before any script has loaded and adds no JavaScript to the pages that show it.
 */
export function FollowForm({ kind, target, followId, labels, back, hint }: Props) {
  return (
    <form method="post" action="/following/toggle" className="follow">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="back" value={back} />
      {followId ? <input type="hidden" name="unfollow" value={followId} /> : null}
      <button type="submit" className={followId ? 'btn follow-on' : 'btn'} aria-pressed={followId !== null} title={followId ? labels.unfollow : hint} data-testid={`follow-${kind}`}>
        <span aria-hidden="true">{followId ? '★' : '☆'}</span> {followId ? labels.following : labels.follow}
      </button>
    </form>
  );
}
