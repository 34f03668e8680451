import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. The number of rounds per value of each facet column of
// investments (and per announced date, which the year facet sums), kept by triggers, so that an unfiltered
// facet reads its counts instead of counting 1,000,000 rounds per request
// (docs/decisions/011-investment-facet-counts.md). A null is kept as '' (no column counted here holds ''),
// because a primary key column cannot be null. SQLite counts row by row, one multi-row upsert per trigger;
// PostgreSQL once per statement from its transition tables, as migration 008 does.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

const COUNTED = ['company_id', 'round_type', 'instrument', 'confidence', 'announced_on'];

/** `('company_id', coalesce(<row>.company_id, '')[, <n>]), …` for a row alias such as new, old or added. */
const valuesOf = (row: string, n?: string) => sql.raw(COUNTED.map((c) => `('${c}', coalesce(${row}.${c}, '')${n ? `, ${n}` : ''})`).join(', '));

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('investment_facet_counts')
    .addColumn('column_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('rounds', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('investment_facet_counts_pk', ['column_id', 'value'])
    .$call((table) => (isPostgres(db) ? table : table.modifyEnd(sql`without rowid`)))
    .execute();
  for (const column of COUNTED) {
    await sql`insert into investment_facet_counts (column_id, value, rounds)
        select ${column}, coalesce(${sql.ref(column)}, ''), count(*) from investments group by coalesce(${sql.ref(column)}, '')`.execute(db);
  }

  if (isPostgres(db)) {
    const bump = (name: string, from: string, sign: string) => sql`create function ${sql.raw(name)}() returns trigger language plpgsql as $$
      begin
        insert into investment_facet_counts (column_id, value, rounds)
          select counted.column_id, counted.value, ${sql.raw(sign)} count(*)
          from ${sql.raw(from)} cross join lateral (values ${valuesOf(from)}) as counted (column_id, value)
          group by counted.column_id, counted.value
          on conflict (column_id, value) do update set rounds = investment_facet_counts.rounds + excluded.rounds;
        return null;
      end $$`;
    await bump('investment_counts_added', 'added', '').execute(db);
    await bump('investment_counts_removed', 'removed', '-').execute(db);
    await sql`create trigger investment_counts_insert after insert on investments
      referencing new table as added for each statement execute function investment_counts_added()`.execute(db);
    await sql`create trigger investment_counts_delete after delete on investments
      referencing old table as removed for each statement execute function investment_counts_removed()`.execute(db);
    await sql`create trigger investment_counts_update_old after update on investments
      referencing old table as removed for each statement execute function investment_counts_removed()`.execute(db);
    await sql`create trigger investment_counts_update_new after update on investments
      referencing new table as added for each statement execute function investment_counts_added()`.execute(db);
    return;
  }
  const upsert = (rows: ReturnType<typeof sql.raw>[]) => sql`insert into investment_facet_counts (column_id, value, rounds) values ${sql.join(rows)}
      on conflict (column_id, value) do update set rounds = rounds + excluded.rounds;`;
  await sql`create trigger investment_counts_insert after insert on investments begin
      ${upsert([valuesOf('new', '1')])}
    end`.execute(db);
  await sql`create trigger investment_counts_delete after delete on investments begin
      ${upsert([valuesOf('old', '-1')])}
    end`.execute(db);
  const changed = sql.raw(COUNTED.map((c) => `old.${c} is not new.${c}`).join(' or '));
  await sql`create trigger investment_counts_update after update of ${sql.raw(COUNTED.join(', '))} on investments
      when ${changed} begin
      ${upsert([valuesOf('old', '-1'), valuesOf('new', '1')])}
    end`.execute(db);
}

export async function down(db: Db): Promise<void> {
  const triggers = isPostgres(db)
    ? ['investment_counts_insert', 'investment_counts_delete', 'investment_counts_update_old', 'investment_counts_update_new']
    : ['investment_counts_insert', 'investment_counts_delete', 'investment_counts_update'];
  for (const name of triggers) await sql`drop trigger if exists ${sql.raw(name)}${isPostgres(db) ? sql` on investments` : sql``}`.execute(db);
  if (isPostgres(db)) {
    await sql`drop function if exists investment_counts_added()`.execute(db);
    await sql`drop function if exists investment_counts_removed()`.execute(db);
  }
  await db.schema.dropTable('investment_facet_counts').execute();
}
