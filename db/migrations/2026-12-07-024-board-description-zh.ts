import type { Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Issue 17 asks for boards in English and Chinese throughout: a
// board's description gets its Chinese twin, as companies, events and hypotheses have (tiles carry their
// `title_zh` and a note's `text_zh` inside the `tiles` JSON, which needs no column).

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('boards').addColumn('description_zh', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('boards').dropColumn('description_zh').execute();
}
