import { sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Issue 20: milestones (models, products, funding deals, rules) that
// time charts can mark and /timeline lays out. Charts read every milestone ordered by date, often narrowed by
// kind (`eventKinds=model,policy`); /timeline narrows by a date window: one index for each.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

const oneOf = (column: string, values: string[]) =>
  sql`${sql.ref(column)} is null or ${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

const KINDS = ['model', 'product', 'funding', 'policy', 'open-source', 'other'];
const PRECISION = ['day', 'month', 'quarter', 'year'];
const CONFIDENCE = ['verified', 'reported', 'estimate', 'unverified'];

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('date_precision', 'text', (c) => c.check(oneOf('date_precision', PRECISION)))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', KINDS)))
    .addColumn('company_id', 'text', (c) => c.references('companies.id').onDelete('restrict'))
    .addColumn('description', 'text')
    .addColumn('description_zh', 'text')
    .addColumn('source_url', 'text')
    .addColumn('confidence', 'text', (c) => c.check(oneOf('confidence', CONFIDENCE)))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_date_idx').on('events').columns(['date', 'id']).execute();
  await db.schema.createIndex('events_kind_date_idx').on('events').columns(['kind', 'date']).execute();
  await db.schema.createIndex('events_company_idx').on('events').columns(['company_id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('events').execute();
}
