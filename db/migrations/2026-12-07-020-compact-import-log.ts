import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Imports at a million rows (issue 16;
// docs/decisions/030-import-write-path.md):
// - `import_rows`: the ids of the rows an import batch created, a thousand to an entry, instead of one change-log
//   entry holding each created row whole; `imports.rows_at`, the created_at/updated_at the batch gave them (undo
//   checks that they were not edited since). Updates keep their change-log entry with the row before and after.
// - Bulk writes: an import (and its undo) keeps the counts of migrations 008 and 009 itself, once per batch of
//   rows, and turns the counting triggers off for its own transaction — SQLite: a row in `bulk_writes`, which
//   only that transaction sees (one writer at a time) and deletes before it commits; PostgreSQL: the setting
//   atlas.bulk_writes, `set local` in that transaction. A participant row that comes with its round's type and
//   date (the import writes them) is not filled in by migration 007's trigger.
// - PostgreSQL: the counting triggers no longer update shared counter rows, which made every writer of rounds
//   wait for the lock of migration 010 (dropped here) for the whole length of an import: they append their
//   changes to `*_deltas` tables, and the counts are views adding the kept counts (`*_kept`) and the deltas.
//   Imports and undo fold the deltas into the kept counts when they end (db/kept-counts.ts).

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

const COUNTED = ['company_id', 'round_type', 'instrument', 'confidence', 'announced_on'];
const valuesOf = (row: string, n?: string) => sql.raw(COUNTED.map((c) => `('${c}', coalesce(${row}.${c}, '')${n ? `, ${n}` : ''})`).join(', '));
const idle = sql.raw('not exists (select 1 from bulk_writes)');

async function importRows(db: Db): Promise<void> {
  await db.schema
    .createTable('import_rows')
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('collection', 'text', (c) => c.notNull())
    .addColumn('ids', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_rows_pk', ['batch_id', 'seq'])
    .execute();
  await db.schema.alterTable('imports').addColumn('rows_at', 'text').execute();
}

/** SQLite: migration 007–009's triggers again, each counting trigger off while `bulk_writes` has a row. */
async function upSqlite(db: Db): Promise<void> {
  await db.schema.createTable('bulk_writes').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
  for (const name of ['participant_round_fill', 'investor_counts_insert', 'investor_counts_delete', 'investor_counts_update', 'investment_counts_insert', 'investment_counts_delete', 'investment_counts_update']) {
    await sql`drop trigger if exists ${sql.raw(name)}`.execute(db);
  }
  await sql`create trigger participant_round_fill after insert on investment_participants
      when new.round_type is null and new.announced_on is null begin
      update investment_participants set
        round_type = (select i.round_type from investments i where i.id = new.investment_id),
        announced_on = (select i.announced_on from investments i where i.id = new.investment_id)
      where rowid = new.rowid;
    end`.execute(db);
  await sql`create trigger investor_counts_insert after insert on investment_participants when ${idle} begin
      insert into investor_round_counts (investor_id, rounds) values (new.investor_id, 1)
        on conflict (investor_id) do update set rounds = rounds + 1;
    end`.execute(db);
  await sql`create trigger investor_counts_delete after delete on investment_participants when ${idle} begin
      update investor_round_counts set rounds = rounds - 1 where investor_id = old.investor_id;
    end`.execute(db);
  await sql`create trigger investor_counts_update after update of investor_id on investment_participants
      when old.investor_id is not new.investor_id and ${idle} begin
      update investor_round_counts set rounds = rounds - 1 where investor_id = old.investor_id;
      insert into investor_round_counts (investor_id, rounds) values (new.investor_id, 1)
        on conflict (investor_id) do update set rounds = rounds + 1;
    end`.execute(db);
  const upsert = (rows: ReturnType<typeof sql.raw>[]) => sql`insert into investment_facet_counts (column_id, value, rounds) values ${sql.join(rows)}
      on conflict (column_id, value) do update set rounds = rounds + excluded.rounds;`;
  await sql`create trigger investment_counts_insert after insert on investments when ${idle} begin ${upsert([valuesOf('new', '1')])} end`.execute(db);
  await sql`create trigger investment_counts_delete after delete on investments when ${idle} begin ${upsert([valuesOf('old', '-1')])} end`.execute(db);
  const changed = sql.raw(COUNTED.map((c) => `old.${c} is not new.${c}`).join(' or '));
  await sql`create trigger investment_counts_update after update of ${sql.raw(COUNTED.join(', '))} on investments
      when (${changed}) and ${idle} begin ${upsert([valuesOf('old', '-1'), valuesOf('new', '1')])} end`.execute(db);
}

/** The triggers as migrations 007–009 left them. */
async function downSqlite(db: Db): Promise<void> {
  for (const name of ['participant_round_fill', 'investor_counts_insert', 'investor_counts_delete', 'investor_counts_update', 'investment_counts_insert', 'investment_counts_delete', 'investment_counts_update']) {
    await sql`drop trigger if exists ${sql.raw(name)}`.execute(db);
  }
  await sql`create trigger participant_round_fill after insert on investment_participants begin
      update investment_participants set
        round_type = (select i.round_type from investments i where i.id = new.investment_id),
        announced_on = (select i.announced_on from investments i where i.id = new.investment_id)
      where rowid = new.rowid;
    end`.execute(db);
  await sql`create trigger investor_counts_insert after insert on investment_participants begin
      insert into investor_round_counts (investor_id, rounds) values (new.investor_id, 1)
        on conflict (investor_id) do update set rounds = rounds + 1;
    end`.execute(db);
  await sql`create trigger investor_counts_delete after delete on investment_participants begin
      update investor_round_counts set rounds = rounds - 1 where investor_id = old.investor_id;
    end`.execute(db);
  await sql`create trigger investor_counts_update after update of investor_id on investment_participants
      when old.investor_id is not new.investor_id begin
      update investor_round_counts set rounds = rounds - 1 where investor_id = old.investor_id;
      insert into investor_round_counts (investor_id, rounds) values (new.investor_id, 1)
        on conflict (investor_id) do update set rounds = rounds + 1;
    end`.execute(db);
  const upsert = (rows: ReturnType<typeof sql.raw>[]) => sql`insert into investment_facet_counts (column_id, value, rounds) values ${sql.join(rows)}
      on conflict (column_id, value) do update set rounds = rounds + excluded.rounds;`;
  await sql`create trigger investment_counts_insert after insert on investments begin ${upsert([valuesOf('new', '1')])} end`.execute(db);
  await sql`create trigger investment_counts_delete after delete on investments begin ${upsert([valuesOf('old', '-1')])} end`.execute(db);
  const changed = sql.raw(COUNTED.map((c) => `old.${c} is not new.${c}`).join(' or '));
  await sql`create trigger investment_counts_update after update of ${sql.raw(COUNTED.join(', '))} on investments
      when ${changed} begin ${upsert([valuesOf('old', '-1'), valuesOf('new', '1')])} end`.execute(db);
  await db.schema.dropTable('bulk_writes').execute();
}

/** PostgreSQL: the kept count tables, their delta tables and the views that add them. */
const COUNTS = [
  { view: 'investment_facet_counts', key: ['column_id', 'value'] },
  { view: 'investor_round_counts', key: ['investor_id'] },
];
const PG_TRIGGERS: [table: string, trigger: string][] = [
  ['investments', 'investment_counts_insert'],
  ['investments', 'investment_counts_delete'],
  ['investments', 'investment_counts_update_old'],
  ['investments', 'investment_counts_update_new'],
  ['investment_participants', 'investor_counts_insert'],
  ['investment_participants', 'investor_counts_delete'],
  ['investment_participants', 'investor_counts_update_old'],
  ['investment_participants', 'investor_counts_update_new'],
];
const EVENTS: Record<string, [event: string, transition: string, fn: string]> = {
  insert: ['insert', 'new table as added', 'added'],
  delete: ['delete', 'old table as removed', 'removed'],
  update_old: ['update', 'old table as removed', 'removed'],
  update_new: ['update', 'new table as added', 'added'],
};

async function pgTriggers(db: Db, guarded: boolean): Promise<void> {
  const when = guarded ? sql` when (coalesce(current_setting('atlas.bulk_writes', true), '') <> 'on')` : sql``;
  for (const [table, trigger] of PG_TRIGGERS) {
    const [event, transition, fn] = EVENTS[trigger.replace(/^(investment|investor)_counts_/, '')];
    const prefix = trigger.startsWith('investment_') ? 'investment_counts' : 'investor_counts';
    await sql`drop trigger if exists ${sql.raw(trigger)} on ${sql.raw(table)}`.execute(db);
    await sql`create trigger ${sql.raw(trigger)} after ${sql.raw(event)} on ${sql.raw(table)} referencing ${sql.raw(transition)}
      for each statement${when} execute function ${sql.raw(`${prefix}_${fn}`)}()`.execute(db);
  }
}

/** The four counting functions of migrations 008 and 009, writing to `target` (upserting or appending). */
async function pgFunctions(db: Db, append: boolean): Promise<void> {
  const facet = (from: string, sign: string) => {
    const select = sql`select counted.column_id, counted.value, ${sql.raw(sign)} count(*)
          from ${sql.raw(from)} cross join lateral (values ${valuesOf(from)}) as counted (column_id, value)
          group by counted.column_id, counted.value`;
    return append
      ? sql`insert into investment_facet_deltas (column_id, value, rounds) ${select};`
      : sql`insert into investment_facet_counts (column_id, value, rounds) ${select}
          on conflict (column_id, value) do update set rounds = investment_facet_counts.rounds + excluded.rounds;`;
  };
  const investor = (from: string, sign: string) => {
    const select = sql`select investor_id, ${sql.raw(sign)} count(*) from ${sql.raw(from)} group by investor_id`;
    return append
      ? sql`insert into investor_round_deltas (investor_id, rounds) ${select};`
      : sql`insert into investor_round_counts (investor_id, rounds) ${select}
          on conflict (investor_id) do update set rounds = investor_round_counts.rounds + excluded.rounds;`;
  };
  const define = (name: string, body: ReturnType<typeof sql>) => sql`create or replace function ${sql.raw(name)}() returns trigger language plpgsql as $$
      begin
        ${body}
        return null;
      end $$`;
  await define('investment_counts_added', facet('added', '')).execute(db);
  await define('investment_counts_removed', facet('removed', '-')).execute(db);
  await define('investor_counts_added', investor('added', '')).execute(db);
  await define('investor_counts_removed', investor('removed', '-')).execute(db);
}

const deltasOf = (view: string) => (view === 'investment_facet_counts' ? 'investment_facet_deltas' : 'investor_round_deltas');

async function upPostgres(db: Db): Promise<void> {
  for (const table of ['investments', 'investment_participants']) await sql`drop trigger if exists round_writers_lock on ${sql.raw(table)}`.execute(db);
  await sql`drop function if exists round_writers_lock()`.execute(db);
  await sql`drop trigger if exists participant_round_fill on investment_participants`.execute(db);
  await sql`create trigger participant_round_fill before insert on investment_participants
      for each row when (new.round_type is null and new.announced_on is null) execute function participant_round_fill()`.execute(db);
  for (const { view, key } of COUNTS) {
    const keys = sql.raw(key.join(', '));
    const deltas = deltasOf(view);
    await sql`alter table ${sql.raw(view)} rename to ${sql.raw(`${view}_kept`)}`.execute(db);
    await sql`create table ${sql.raw(deltas)} as select ${keys}, rounds from ${sql.raw(`${view}_kept`)} where false`.execute(db);
    await sql`create index ${sql.raw(`${deltas}_key_idx`)} on ${sql.raw(deltas)} (${keys})`.execute(db);
    await sql`create view ${sql.raw(view)} as select ${keys}, sum(rounds)::integer as rounds
        from (select ${keys}, rounds from ${sql.raw(`${view}_kept`)} union all select ${keys}, rounds from ${sql.raw(deltas)}) as counted
        group by ${keys}`.execute(db);
  }
  await pgFunctions(db, true);
  await pgTriggers(db, true);
}

async function downPostgres(db: Db): Promise<void> {
  for (const { view, key } of COUNTS) {
    const keys = sql.raw(key.join(', '));
    const kept = sql.raw(`${view}_kept`);
    await sql`insert into ${kept} (${keys}, rounds) select ${keys}, sum(rounds) from ${sql.raw(deltasOf(view))} group by ${keys}
        on conflict (${keys}) do update set rounds = ${kept}.rounds + excluded.rounds`.execute(db);
    await sql`drop view ${sql.raw(view)}`.execute(db);
    await sql`drop table ${sql.raw(deltasOf(view))}`.execute(db);
    await sql`alter table ${kept} rename to ${sql.raw(view)}`.execute(db);
  }
  await pgFunctions(db, false);
  await pgTriggers(db, false);
  await sql`drop trigger if exists participant_round_fill on investment_participants`.execute(db);
  await sql`create trigger participant_round_fill before insert on investment_participants for each row execute function participant_round_fill()`.execute(db);
  // Migration 010's lock, as it made it.
  await sql`create function round_writers_lock() returns trigger language plpgsql as $$
    begin
      perform pg_advisory_xact_lock(hashtext(tg_table_schema || '.round_writers'));
      return null;
    end $$`.execute(db);
  for (const table of ['investments', 'investment_participants']) {
    await sql`create trigger round_writers_lock before insert or update or delete on ${sql.raw(table)}
      for each statement execute function round_writers_lock()`.execute(db);
  }
}

export async function up(db: Db): Promise<void> {
  await importRows(db);
  await (isPostgres(db) ? upPostgres(db) : upSqlite(db));
}

export async function down(db: Db): Promise<void> {
  await (isPostgres(db) ? downPostgres(db) : downSqlite(db));
  await db.schema.alterTable('imports').dropColumn('rows_at').execute();
  await db.schema.dropTable('import_rows').execute();
}
