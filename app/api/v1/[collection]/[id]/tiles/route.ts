import { updateRow } from '@/db/repository';
import { pinRequestSchema, placePinned } from '@/lib/boards/pin';
import { ApiError, badRequest, notFound } from '@/lib/errors';
import { boardRecord } from '../../../../../_views/board';
import { collectionFrom, handle, json, readJson, restrictedTo } from '../../../../_lib/respond';

export const dynamic = 'force-dynamic';

const ATTEMPTS = 3;

/**
 * POST /api/v1/boards/{id}/tiles `{ tile, version? }` → 201 the board with the tile added (id and place filled
 * in when missing). Without `version` a concurrent edit is retried; with it, a stale version is a 409.
 */
export async function POST(request: Request, { params }: { params: Promise<{ collection: string; id: string }> }) {
  return handle(request, 'write', async (ctx) => {
    const { collection, id } = await params;
    if (collectionFrom(collection).id !== 'boards') throw notFound(`${collection} rows have no tiles: only boards do`);
    const parsed = pinRequestSchema.safeParse(await readJson(request));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw badRequest(`${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const viewer = restrictedTo(ctx);
    for (let attempt = 1; ; attempt++) {
      const board = await boardRecord(ctx.atlas, id, viewer);
      const version = parsed.data.version ?? board.version;
      const tiles = [...board.tiles, placePinned(board.tiles, parsed.data.tile)];
      try {
        return json(await updateRow(ctx.atlas, 'boards', id, { tiles, version }, { actor: ctx.actor, restrictedTo: viewer }), 201);
      } catch (error) {
        const retry = error instanceof ApiError && error.status === 409 && parsed.data.version === undefined && attempt < ATTEMPTS;
        if (!retry) throw error;
      }
    }
  });
}
