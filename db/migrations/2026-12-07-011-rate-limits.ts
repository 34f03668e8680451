import type { Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Fixed-window request counters shared by every app instance on
// one database (share-link views per client address, ATLAS_SHARE_RATE); db/rate-limits.ts counts them.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey()) // e.g. 'share:<client address>'
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('window_start', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_window_start').on('rate_limits').column('window_start').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('rate_limits').ifExists().execute();
}
