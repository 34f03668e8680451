import { sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Issue 21: a round whose sources disagree is marked `disputed`
// (0 or 1, as is_lead is: one representation on both dialects), indexed for its filter and facet; scenarios and
// evidence get the Chinese twins of their texts (title_zh, body_zh, note_zh), empty until someone writes them.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('investments')
    .addColumn('disputed', 'integer', (c) => c.notNull().defaultTo(0).check(sql`disputed in (0, 1)`))
    .execute();
  await db.schema.createIndex('investments_disputed_idx').on('investments').columns(['disputed']).execute();
  await db.schema.alterTable('scenarios').addColumn('title_zh', 'text').execute();
  await db.schema.alterTable('scenarios').addColumn('body_zh', 'text').execute();
  await db.schema.alterTable('evidence').addColumn('note_zh', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('evidence').dropColumn('note_zh').execute();
  await db.schema.alterTable('scenarios').dropColumn('body_zh').execute();
  await db.schema.alterTable('scenarios').dropColumn('title_zh').execute();
  await db.schema.dropIndex('investments_disputed_idx').execute();
  await db.schema.alterTable('investments').dropColumn('disputed').execute();
}
