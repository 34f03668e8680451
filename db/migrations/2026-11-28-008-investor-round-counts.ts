import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. The number of rounds each investor took part in, kept by
// triggers on investment_participants, so that the unfiltered investor facet reads a few thousand counts
// instead of counting 2,000,000 participant rows per request (docs/decisions/010-investor-round-counts.md).
// SQLite counts row by row; PostgreSQL once per statement from its transition tables, so that a bulk insert
// pays one grouped upsert. No index on the count: each write would move an index entry, and the top 200 of
// some thousand investors are sorted in a few milliseconds.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('investor_round_counts')
    .addColumn('investor_id', 'text', (c) => c.primaryKey())
    .addColumn('rounds', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into investor_round_counts (investor_id, rounds)
      select investor_id, count(*) from investment_participants group by investor_id`.execute(db);

  if (isPostgres(db)) {
    // One function per event: a transition table exists only for the event that declares it.
    const bump = (name: string, from: string, sign: string) => sql`create function ${sql.raw(name)}() returns trigger language plpgsql as $$
      begin
        insert into investor_round_counts (investor_id, rounds)
          select investor_id, ${sql.raw(sign)} count(*) from ${sql.raw(from)} group by investor_id
          on conflict (investor_id) do update set rounds = investor_round_counts.rounds + excluded.rounds;
        return null;
      end $$`;
    await bump('investor_counts_added', 'added', '').execute(db);
    await bump('investor_counts_removed', 'removed', '-').execute(db);
    await sql`create trigger investor_counts_insert after insert on investment_participants
      referencing new table as added for each statement execute function investor_counts_added()`.execute(db);
    await sql`create trigger investor_counts_delete after delete on investment_participants
      referencing old table as removed for each statement execute function investor_counts_removed()`.execute(db);
    await sql`create trigger investor_counts_update_old after update on investment_participants
      referencing old table as removed for each statement execute function investor_counts_removed()`.execute(db);
    await sql`create trigger investor_counts_update_new after update on investment_participants
      referencing new table as added for each statement execute function investor_counts_added()`.execute(db);
    return;
  }
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
}

export async function down(db: Db): Promise<void> {
  const triggers = isPostgres(db)
    ? ['investor_counts_insert', 'investor_counts_delete', 'investor_counts_update_old', 'investor_counts_update_new']
    : ['investor_counts_insert', 'investor_counts_delete', 'investor_counts_update'];
  for (const name of triggers) await sql`drop trigger if exists ${sql.raw(name)}${isPostgres(db) ? sql` on investment_participants` : sql``}`.execute(db);
  if (isPostgres(db)) {
    await sql`drop function if exists investor_counts_added()`.execute(db);
    await sql`drop function if exists investor_counts_removed()`.execute(db);
  }
  await db.schema.dropTable('investor_round_counts').execute();
}
