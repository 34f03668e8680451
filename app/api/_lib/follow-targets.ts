import 'server-only';
import type { Atlas } from '@/db/connection';
import type { FollowKind } from '@/db/follows';
import { assertVisible } from '@/db/ownership';
import { getRow } from '@/db/rows';
import { parseTablePath } from '@/lib/alerts/paths';
import { getCollection, REGISTRY } from '@/lib/collections';
import { ApiError, unprocessable } from '@/lib/errors';

/** What a follow names, checked: the row exists (and the caller may see it), or the view parses. Answers its target and title. */
export async function resolveFollow(atlas: Atlas, kind: FollowKind, target: string, title: string | undefined, restrictedTo: string | undefined): Promise<{ target: string; title: string }> {
  if (kind === 'view') {
    try {
      const view = parseTablePath(target, REGISTRY, 'target');
      return { target: view.path, title: title ?? view.path };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const param = error.details.param;
      throw unprocessable('the view cannot be followed', [{ path: 'target', message: param && param !== 'target' ? `parameter "${param}": ${error.message}` : error.message }]);
    }
  }
  const collection = getCollection(kind === 'company' || kind === 'investor' ? 'companies' : kind === 'hypothesis' ? 'hypotheses' : 'boards');
  const row = await getRow(atlas, collection, target);
  if (row && collection.ownership) assertVisible(collection, row, restrictedTo);
  if (!row) throw unprocessable('nothing to follow', [{ path: 'target', message: `no ${collection.singular.en.toLowerCase()} with id "${target}"` }]);
  const name = kind === 'hypothesis' ? `${String(row.code)} ${String(row.title)}` : String(row[collection.titleColumn] ?? target);
  return { target, title: title ?? name };
}
