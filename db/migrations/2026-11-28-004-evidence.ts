import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Evidence becomes a collection like the others, so it gets
// `updated_at` (NOT NULL, filled with `created_at` for the rows that exist). SQLite cannot add a NOT NULL
// column without a default, so there the table is rebuilt (nothing references evidence); PostgreSQL adds
// the column, fills it and then sets NOT NULL — the same constraint on both.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

const STANCES = sql`stance in ('supports', 'contradicts', 'context')`;

export async function up(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema.alterTable('evidence').addColumn('updated_at', 'text').execute();
    await sql`update evidence set updated_at = created_at`.execute(db);
    await db.schema.alterTable('evidence').alterColumn('updated_at', (c) => c.setNotNull()).execute();
    return;
  }
  await db.schema
    .createTable('evidence_004')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hypothesis_id', 'text', (c) => c.notNull().references('hypotheses.id').onDelete('cascade'))
    .addColumn('target_collection', 'text')
    .addColumn('target_id', 'text')
    .addColumn('url', 'text')
    .addColumn('stance', 'text', (c) => c.notNull().check(STANCES))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into evidence_004 (id, hypothesis_id, target_collection, target_id, url, stance, note, created_at, updated_at)
    select id, hypothesis_id, target_collection, target_id, url, stance, note, created_at, created_at from evidence`.execute(db);
  await db.schema.dropTable('evidence').execute();
  await db.schema.alterTable('evidence_004').renameTo('evidence').execute();
  await db.schema.createIndex('evidence_hypothesis_idx').on('evidence').columns(['hypothesis_id']).execute();
  await db.schema.createIndex('evidence_target_idx').on('evidence').columns(['target_collection', 'target_id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('evidence').dropColumn('updated_at').execute();
}
