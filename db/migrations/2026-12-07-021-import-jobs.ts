import { sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Issue 16 (item 7): a CSV import that runs longer than a moment
// answers 202 and goes on as a job; its state lives here, so that any instance can answer for it and a reload
// finds it. The running instance writes progress and a heartbeat (`updated_at`); `runner` names the process.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('collection', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('filename', 'text')
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('upsert', 'insert')`))
    .addColumn('dry_run', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('on_error', 'text', (c) => c.notNull().check(sql`on_error in ('abort', 'skip')`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('running', 'done', 'failed', 'cancelled')`))
    .addColumn('runner', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('bytes_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_read', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    // The finished import's summary (JSON), the status it would have answered, or why it failed (JSON).
    .addColumn('result', 'text')
    .addColumn('result_status', 'integer')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('import_jobs_created_idx').on('import_jobs').columns(['created_at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('import_jobs').ifExists().execute();
}
