import { notFound } from 'next/navigation';
import EditRowPage from '../../../[collection]/[id]/edit/page';
import { requireUser, restrictionOf } from '../../../_lib/auth';
import { getTranslator } from '../../../_lib/locale';
import { boardRecord } from '../../../_views/board';
import { getAtlas } from '@/db/connection';
import { mayEdit } from '@/db/ownership';
import { getCollection } from '@/lib/collections';
import { ApiError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

// The generic edit form, behind the board's ownership rules: another user's private board does not exist here
// (404), and a team board is edited by its owner and admins only.
export default async function EditBoardPage({ params }: Props) {
  const viewer = await requireUser('write');
  const { id } = await params;
  const restrictedTo = restrictionOf(viewer);
  let board;
  try {
    board = await boardRecord(await getAtlas(), decodeURIComponent(id), restrictedTo);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
  if (!mayEdit(getCollection('boards'), board as unknown as Record<string, unknown>, restrictedTo)) {
    const { t } = await getTranslator();
    return (
      <p className="error-box" role="alert" data-testid="board-not-owner">
        {t('board.notOwner', { owner: board.owner })}
      </p>
    );
  }
  return EditRowPage({ params: Promise.resolve({ collection: 'boards', id }) });
}
