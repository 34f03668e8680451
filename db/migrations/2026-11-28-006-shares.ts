import { sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Share links (/s/<token>): the token is looked up by its
// SHA-256 (`id`), so the lookup's timing depends on the hash, never on how much of a guess was right.
// The token itself is kept too, so that its creator can copy the link again from the Shared links page.
// The placeholder table of the initial migration was never written to; it is replaced.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.dropTable('share_links').ifExists().execute();
  await db.schema
    .createTable('share_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('live', 'snapshot')`))
    .addColumn('allow_csv', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('payload', 'text')
    .addColumn('data_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_viewed_at', 'text')
    .execute();
  await db.schema.createIndex('share_links_created_idx').on('share_links').columns(['created_at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('share_links').execute();
  await db.schema
    .createTable('share_links')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text')
    .addColumn('as_of', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_viewed_at', 'text')
    .execute();
}
