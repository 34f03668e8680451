import { collectionFrom, handle } from '../../../_lib/respond';
import { importCsv } from '../../../_lib/csv-import';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ collection: string }> }) {
  return handle(request, 'write', async (ctx) => importCsv(request, collectionFrom((await params).collection), ctx));
}
