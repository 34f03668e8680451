import { sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. One row per committed CSV import batch; the rows it wrote are
// the `changes` entries with this batch_id.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('collection', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('filename', 'text')
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('upsert', 'insert')`))
    .addColumn('rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('investors_created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'text')
    .execute();
  await db.schema.createIndex('imports_at_idx').on('imports').columns(['at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('imports').ifExists().execute();
}
