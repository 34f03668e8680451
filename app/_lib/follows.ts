import 'server-only';
import { getAtlas } from '@/db/connection';
import { findFollow, unseenCount, type FollowKind } from '@/db/follows';
import { currentViewer, type Viewer } from './auth';

/** Whose follows and inbox a page shows: the change log's actor ('local', or the signed-in user's email); null for nobody. */
export const actorOf = (viewer: Viewer): string | null => (viewer.mode === 'local' ? 'local' : viewer.mode === 'team' && viewer.user ? viewer.user.email : null);

/** The id of the viewer's follow of this target, or null (not followed, or nobody to follow as). */
export async function followIdOf(viewer: Viewer, kind: FollowKind, target: string): Promise<string | null> {
  const actor = actorOf(viewer);
  if (!actor) return null;
  return (await findFollow((await getAtlas()).db, actor, kind, target))?.id ?? null;
}

/** The navigation's unseen count: 0 for a visitor without an inbox (and never an error that breaks the layout). */
export async function navUnseen(): Promise<number> {
  try {
    const actor = actorOf(await currentViewer());
    return actor ? await unseenCount((await getAtlas()).db, actor) : 0;
  } catch {
    return 0;
  }
}
