import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Enumerations are spelled out here, not read from the
// registry, so that this migration means the same thing forever.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

const oneOf = (column: string, values: string[]) =>
  sql`${sql.ref(column)} is null or ${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

const CONFIDENCE = ['verified', 'reported', 'estimate', 'unverified'];
const PRECISION = ['day', 'month', 'quarter', 'year'];

export async function up(db: Db): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const money = isPg ? 'bigint' : 'integer';
  const real = isPg ? 'double precision' : 'real';

  await db.schema
    .createTable('companies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['builder', 'investor', 'adopter', 'other'])))
    .addColumn('country', 'text')
    .addColumn('region', 'text', (c) => c.check(oneOf('region', ['china', 'overseas'])))
    .addColumn('layer', 'text', (c) => c.check(oneOf('layer', ['foundation', 'infrastructure', 'application'])))
    .addColumn('modality', 'text', (c) => c.check(oneOf('modality', ['text', 'image', 'video', 'audio', 'code', 'multimodal'])))
    .addColumn('vertical', 'text')
    .addColumn('business_model', 'text', (c) => c.check(oneOf('business_model', ['b2b', 'b2c', 'b2b2c', 'open_source', 'maas'])))
    .addColumn('founded_year', 'integer')
    .addColumn('hq', 'text')
    .addColumn('website', 'text')
    .addColumn('status', 'text', (c) => c.check(oneOf('status', ['private', 'public', 'acquired', 'closed'])))
    .addColumn('parent_id', 'text', (c) => c.references('companies.id').onDelete('restrict'))
    .addColumn('description', 'text')
    .addColumn('description_zh', 'text')
    .addColumn('source_url', 'text')
    .addColumn('confidence', 'text', (c) => c.check(oneOf('confidence', CONFIDENCE)))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('investments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('restrict'))
    .addColumn('round_type', 'text', (c) =>
      c.check(oneOf('round_type', ['pre_seed', 'seed', 'series_a', 'series_b', 'series_c', 'series_d', 'series_e_plus', 'strategic', 'grant', 'debt', 'ipo', 'fund', 'other'])),
    )
    .addColumn('announced_on', 'text')
    .addColumn('date_precision', 'text', (c) => c.check(oneOf('date_precision', PRECISION)))
    .addColumn('amount_usd', money, (c) => c.check(sql`amount_usd is null or amount_usd > 0`))
    .addColumn('amount_original', real)
    .addColumn('currency', 'text')
    .addColumn('post_money_usd', money, (c) => c.check(sql`post_money_usd is null or post_money_usd > 0`))
    .addColumn('instrument', 'text', (c) => c.check(oneOf('instrument', ['equity', 'convertible', 'compute_credits', 'strategic', 'grant', 'fund'])))
    .addColumn('notes', 'text')
    .addColumn('source_url', 'text')
    .addColumn('confidence', 'text', (c) => c.check(oneOf('confidence', CONFIDENCE)))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('investment_participants')
    .addColumn('investment_id', 'text', (c) => c.notNull().references('investments.id').onDelete('cascade'))
    .addColumn('investor_id', 'text', (c) => c.notNull().references('companies.id').onDelete('restrict'))
    .addColumn('is_lead', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_lead in (0, 1)`))
    .addPrimaryKeyConstraint('investment_participants_pk', ['investment_id', 'investor_id'])
    .execute();

  await db.schema
    .createTable('use_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('companies.id').onDelete('restrict'))
    .addColumn('provider_id', 'text', (c) => c.references('companies.id').onDelete('restrict'))
    .addColumn('product', 'text')
    .addColumn('function', 'text')
    .addColumn('industry', 'text')
    .addColumn('stage', 'text', (c) => c.check(oneOf('stage', ['announced', 'pilot', 'production'])))
    .addColumn('description', 'text')
    .addColumn('description_zh', 'text')
    .addColumn('outcome', 'text')
    .addColumn('announced_on', 'text')
    .addColumn('date_precision', 'text', (c) => c.check(oneOf('date_precision', PRECISION)))
    .addColumn('source_url', 'text')
    .addColumn('confidence', 'text', (c) => c.check(oneOf('confidence', CONFIDENCE)))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('market_shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('restrict'))
    .addColumn('basis', 'text', (c) => c.notNull().check(oneOf('basis', ['revenue', 'users', 'api_volume', 'compute', 'other'])))
    .addColumn('share_pct', real, (c) => c.check(sql`share_pct is null or (share_pct >= 0 and share_pct <= 100)`))
    .addColumn('value', real)
    .addColumn('unit', 'text')
    .addColumn('notes', 'text')
    .addColumn('source_url', 'text')
    .addColumn('confidence', 'text', (c) => c.check(oneOf('confidence', CONFIDENCE)))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('hypotheses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text')
    .addColumn('statement', 'text')
    .addColumn('statement_zh', 'text')
    .addColumn('scope', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['open', 'strengthening', 'weakening', 'confirmed', 'refuted'])))
    .addColumn('confidence', 'integer', (c) => c.check(sql`confidence is null or (confidence >= 0 and confidence <= 100)`))
    .addColumn('indicator', 'text')
    .addColumn('source', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hypothesis_id', 'text', (c) => c.notNull().references('hypotheses.id').onDelete('cascade'))
    .addColumn('target_collection', 'text')
    .addColumn('target_id', 'text')
    .addColumn('url', 'text')
    .addColumn('stance', 'text', (c) => c.notNull().check(oneOf('stance', ['supports', 'contradicts', 'context'])))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('scenarios')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['bull', 'base', 'bear', 'custom'])))
    .addColumn('probability', real, (c) => c.check(sql`probability is null or (probability >= 0 and probability <= 100)`))
    .addColumn('horizon', 'integer')
    .addColumn('hypothesis_id', 'text', (c) => c.references('hypotheses.id').onDelete('set null'))
    .addColumn('body', 'text')
    .addColumn('assumptions', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('share_links')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('mode', 'text', (c) => c.notNull().check(oneOf('mode', ['live', 'snapshot'])))
    .addColumn('snapshot', 'text')
    .addColumn('as_of', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_viewed_at', 'text')
    .execute();

  await db.schema
    .createTable('changes')
    .addColumn('id', isPg ? 'bigserial' : 'integer', (c) => (isPg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('collection', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(oneOf('action', ['create', 'update', 'delete', 'import', 'restore'])))
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('batch_id', 'text')
    .execute();

  const indexes: [string, string, string[]][] = [
    ['companies', 'companies_parent_idx', ['parent_id']],
    ['companies', 'companies_layer_idx', ['layer']],
    ['companies', 'companies_kind_idx', ['kind']],
    ['companies', 'companies_region_idx', ['region']],
    ['companies', 'companies_name_idx', ['name']],
    ['investments', 'investments_company_idx', ['company_id']],
    ['investments', 'investments_announced_idx', ['announced_on', 'id']],
    ['investments', 'investments_amount_idx', ['amount_usd']],
    ['investments', 'investments_round_idx', ['round_type']],
    ['investment_participants', 'participants_investor_idx', ['investor_id', 'is_lead']],
    ['use_cases', 'use_cases_customer_idx', ['customer_id']],
    ['use_cases', 'use_cases_provider_idx', ['provider_id']],
    ['market_shares', 'market_shares_company_idx', ['company_id']],
    ['market_shares', 'market_shares_segment_idx', ['segment', 'period']],
    ['evidence', 'evidence_hypothesis_idx', ['hypothesis_id']],
    ['evidence', 'evidence_target_idx', ['target_collection', 'target_id']],
    ['scenarios', 'scenarios_hypothesis_idx', ['hypothesis_id']],
    ['changes', 'changes_row_idx', ['collection', 'row_id']],
    ['changes', 'changes_batch_idx', ['batch_id']],
  ];
  for (const [table, name, columns] of indexes) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

export async function down(db: Db): Promise<void> {
  // SQLite empties a table before dropping it, and a company's parent reference (restrict, checked at once)
  // would stop that while its parent goes first.
  await sql`update companies set parent_id = null where parent_id is not null`.execute(db);
  for (const table of ['changes', 'share_links', 'scenarios', 'evidence', 'hypotheses', 'market_shares', 'use_cases', 'investment_participants', 'investments', 'companies']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
