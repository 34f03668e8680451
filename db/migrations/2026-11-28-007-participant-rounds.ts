import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Each participant row carries a copy of its round's type and
// date, so that "investors of series A rounds (since 2023)" is counted from one index of the participants
// alone, instead of looking up the participants of 143,000 rounds one by one
// (docs/decisions/007-investor-facet-copies.md). Triggers keep the copies right whoever writes: an inserted
// participant takes its round's values, a round's new type or date is copied to its participants.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

const INDEXES: [string, string[]][] = [
  ['participants_round_type_idx', ['round_type', 'investor_id', 'announced_on']],
  ['participants_announced_idx', ['announced_on', 'investor_id']],
];

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('investment_participants').addColumn('round_type', 'text').execute();
  await db.schema.alterTable('investment_participants').addColumn('announced_on', 'text').execute();
  await sql`update investment_participants set
      round_type = (select i.round_type from investments i where i.id = investment_participants.investment_id),
      announced_on = (select i.announced_on from investments i where i.id = investment_participants.investment_id)`.execute(db);
  for (const [name, columns] of INDEXES) await db.schema.createIndex(name).on('investment_participants').columns(columns).execute();

  if (isPostgres(db)) {
    await sql`create function participant_round_fill() returns trigger language plpgsql as $$
      begin
        select i.round_type, i.announced_on into new.round_type, new.announced_on from investments i where i.id = new.investment_id;
        return new;
      end $$`.execute(db);
    await sql`create trigger participant_round_fill before insert on investment_participants
      for each row execute function participant_round_fill()`.execute(db);
    await sql`create function round_participants_sync() returns trigger language plpgsql as $$
      begin
        update investment_participants set round_type = new.round_type, announced_on = new.announced_on where investment_id = new.id;
        return null;
      end $$`.execute(db);
    await sql`create trigger round_participants_sync after update of round_type, announced_on on investments for each row
      when (old.round_type is distinct from new.round_type or old.announced_on is distinct from new.announced_on)
      execute function round_participants_sync()`.execute(db);
    return;
  }
  // SQLite cannot change NEW in a BEFORE trigger: the inserted row is completed right after.
  await sql`create trigger participant_round_fill after insert on investment_participants begin
      update investment_participants set
        round_type = (select i.round_type from investments i where i.id = new.investment_id),
        announced_on = (select i.announced_on from investments i where i.id = new.investment_id)
      where rowid = new.rowid;
    end`.execute(db);
  await sql`create trigger round_participants_sync after update of round_type, announced_on on investments
      when old.round_type is not new.round_type or old.announced_on is not new.announced_on begin
      update investment_participants set round_type = new.round_type, announced_on = new.announced_on where investment_id = new.id;
    end`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await sql`drop trigger if exists participant_round_fill${isPostgres(db) ? sql` on investment_participants` : sql``}`.execute(db);
  await sql`drop trigger if exists round_participants_sync${isPostgres(db) ? sql` on investments` : sql``}`.execute(db);
  if (isPostgres(db)) {
    await sql`drop function if exists participant_round_fill()`.execute(db);
    await sql`drop function if exists round_participants_sync()`.execute(db);
  }
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
  await db.schema.alterTable('investment_participants').dropColumn('announced_on').execute();
  await db.schema.alterTable('investment_participants').dropColumn('round_type').execute();
}
