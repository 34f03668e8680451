import { sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Issue 17: boards, an analyst's own dashboards of pinned views.
// `tiles` and `filters` are JSON text as every json column is; `version` counts writes for optimistic
// concurrency; `owner` is the change log's actor of the create ("local" in local mode).

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('boards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text')
    .addColumn('description', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('private').check(sql`visibility in ('private', 'team')`))
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo('local'))
    .addColumn('filters', 'text')
    .addColumn('tiles', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('boards_owner_idx').on('boards').columns(['owner', 'visibility']).execute();
  await db.schema.createIndex('boards_updated_idx').on('boards').columns(['updated_at', 'id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('boards').execute();
}
