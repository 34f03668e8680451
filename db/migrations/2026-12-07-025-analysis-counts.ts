import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Issue 20's speed (docs/decisions/029-kept-analysis-counts.md): counts
// kept by triggers, so that the co-investor network reads counted pairs instead of joining two million participants
// to each other per request, and the market map reads funding per company instead of summing a million rounds.
// - `company_funding` (year, company_id, funding, disclosed, rounds): per company and year of announcement ('' for
//   none) the sum of amount_usd, the rounds with one, and all rounds, fund rows left out; year '*' over every year.
// - `co_investment_counts` (layer, region, year, investor_a, investor_b, rounds): per pair (a < b) the rounds the
//   two shared, per bucket of the funded company's layer and region and the round's year ('' for a null) — what
//   the network's filters select. `co_investment_totals` (investor_a, investor_b, rounds): the same over every
//   bucket, indexed by rounds (the unfiltered network walks it). `co_investor_rounds` (investor_id, layer, region,
//   year, rounds): the rounds each investor joined, per the same buckets (the network's nodes). Fund rows
//   (round_type 'fund') count nowhere.
// - Kept by triggers whoever writes: a round written; a participant added, removed or moved (its pairs with the
//   round's other participants), a round's type, date or company changed, a company's layer or region changed. A
//   round's participants are removed just before the round: the cascade would remove them after it, when their
//   bucket could no longer be read.
// - SQLite bulk writes (a `bulk_writes` row: an import, its undo — migration 020): the row triggers are off; instead
//   a round is "touched" the first time anything of it changes (`analysis_touched`), its whole contribution taken
//   off then, and every touched round's contribution is added back in one grouped statement per table at the end
//   (db/kept-analysis.ts addTouchedRounds, called by endBulkWrites). Nothing a bulk writer does goes uncounted.
// - PostgreSQL: as migration 020, the triggers append to `*_deltas` and the counts are views adding the kept
//   counts (`*_kept`) and the deltas; imports and their undo fold the deltas in (db/bulk-writes.ts).

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;
const raw = (text: string) => sql.raw(text);

const COUNTS = 'co_investment_counts';
const TOTALS = 'co_investment_totals';
const OWN = 'co_investor_rounds';
const COUNT_KEY = 'layer, region, year, investor_a, investor_b';
const TOTAL_KEY = 'investor_a, investor_b';
const OWN_KEY = 'investor_id, layer, region, year';

/** The bucket of a round (alias or old/new) of a company (alias or old/new). */
const bucket = (company: string, round: string) =>
  `coalesce(${company}.layer, '') as layer, coalesce(${company}.region, '') as region, coalesce(substr(${round}.announced_on, 1, 4), '') as year`;
const bucketKey = (company: string, round: string) => bucket(company, round).replace(/ as \w+/g, '');
const notFund = (round: string) => `(${round}.round_type is null or ${round}.round_type <> 'fund')`;

async function createTables(db: Db, suffix: string): Promise<void> {
  const pg = isPostgres(db);
  const end = (b: any) => (pg ? b : b.modifyEnd(sql`without rowid`));
  await db.schema
    .createTable(`${COUNTS}${suffix}`)
    .addColumn('layer', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('year', 'text', (c) => c.notNull())
    .addColumn('investor_a', 'text', (c) => c.notNull())
    .addColumn('investor_b', 'text', (c) => c.notNull())
    .addColumn('rounds', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${COUNTS}${suffix}_pk`, ['layer', 'region', 'year', 'investor_a', 'investor_b'])
    .$call(end)
    .execute();
  await db.schema
    .createTable(`${TOTALS}${suffix}`)
    .addColumn('investor_a', 'text', (c) => c.notNull())
    .addColumn('investor_b', 'text', (c) => c.notNull())
    .addColumn('rounds', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${TOTALS}${suffix}_pk`, ['investor_a', 'investor_b'])
    .$call(end)
    .execute();
  await db.schema.createIndex(`${TOTALS}${suffix}_rounds_idx`).on(`${TOTALS}${suffix}`).columns(['rounds', 'investor_a', 'investor_b']).execute();
  await db.schema
    .createTable(`${OWN}${suffix}`)
    .addColumn('investor_id', 'text', (c) => c.notNull())
    .addColumn('layer', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('year', 'text', (c) => c.notNull())
    .addColumn('rounds', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${OWN}${suffix}_pk`, ['investor_id', 'layer', 'region', 'year'])
    .$call(end)
    .execute();
}

/** Fill the kept counts from the participants (each pair of a round once, a < b). */
async function fill(db: Db, suffix: string): Promise<void> {
  await sql`insert into ${raw(`${COUNTS}${suffix}`)} (${raw(COUNT_KEY)}, rounds)
    select ${raw(bucket('c', 'i'))}, p.investor_id, q.investor_id, count(*)
    from investment_participants p join investment_participants q on q.investment_id = p.investment_id and q.investor_id > p.investor_id
    join investments i on i.id = p.investment_id join companies c on c.id = i.company_id
    where ${raw(notFund('i'))}
    group by ${raw(bucketKey('c', 'i'))}, p.investor_id, q.investor_id`.execute(db);
  await sql`insert into ${raw(`${TOTALS}${suffix}`)} (${raw(TOTAL_KEY)}, rounds)
    select ${raw(TOTAL_KEY)}, sum(rounds) from ${raw(`${COUNTS}${suffix}`)} group by ${raw(TOTAL_KEY)}`.execute(db);
  await sql`insert into ${raw(`${OWN}${suffix}`)} (${raw(OWN_KEY)}, rounds)
    select p.investor_id, ${raw(bucket('c', 'i'))}, count(*)
    from investment_participants p join investments i on i.id = p.investment_id join companies c on c.id = i.company_id
    where ${raw(notFund('i'))}
    group by p.investor_id, ${raw(bucketKey('c', 'i'))}`.execute(db);
}

// ---- SQLite: row triggers upserting into the kept tables.

const IDLE = 'not exists (select 1 from bulk_writes)';
const BULK = 'exists (select 1 from bulk_writes)';
const TOUCHED = 'analysis_touched';

/** A trigger definition (`… [when …] begin … end`) that fires only outside bulk writes. */
function guarded(definition: string): string {
  const begin = definition.search(/\sbegin\s/);
  const [head, body] = [definition.slice(0, begin), definition.slice(begin)];
  const when = head.search(/\swhen\s/);
  return when < 0 ? `${head} when ${IDLE}${body}` : `${head.slice(0, when)} when ${IDLE} and (${head.slice(when).replace(/^\s+when\s+/, '')})${body}`;
}

const upsert = (table: string, key: string, select: string) => `insert into ${table} (${key}, rounds) ${select}
      on conflict (${key}) do update set rounds = rounds + excluded.rounds;`;

/** The pairs of participant `investor` with the other participants (`others`) of round `round`, `sign` each. */
function participantPairs(round: string, investor: string, others: string, sign: string): string {
  const participants = `join investment_participants p on p.investment_id = i.id`;
  const where = `where i.id = ${round} and ${others} and ${notFund('i')}`;
  const pair = `min(${investor}, p.investor_id), max(${investor}, p.investor_id), ${sign}`;
  return [
    upsert(COUNTS, COUNT_KEY, `select ${bucket('c', 'i')}, ${pair} from investments i join companies c on c.id = i.company_id ${participants} ${where}`),
    upsert(TOTALS, TOTAL_KEY, `select ${pair} from investments i ${participants} ${where}`),
    upsert(OWN, OWN_KEY, `select ${investor}, ${bucket('c', 'i')}, ${sign} from investments i join companies c on c.id = i.company_id where i.id = ${round} and ${notFund('i')}`),
  ].join('\n');
}

/** Every pair of the participants of the round `round` (old or new), `sign` each: per bucket, and in the totals when `totals`. */
function roundPairs(round: string, sign: string, totals: string): string {
  const pairs = `from investment_participants p join investment_participants q on q.investment_id = p.investment_id and q.investor_id > p.investor_id`;
  return [
    upsert(COUNTS, COUNT_KEY, `select ${bucket('c', round)}, p.investor_id, q.investor_id, ${sign} ${pairs}
      join companies c on c.id = ${round}.company_id where p.investment_id = ${round}.id and ${notFund(round)}`),
    upsert(TOTALS, TOTAL_KEY, `select p.investor_id, q.investor_id, ${sign} ${pairs} where p.investment_id = ${round}.id and ${totals}`),
    upsert(OWN, OWN_KEY, `select p.investor_id, ${bucket('c', round)}, ${sign} from investment_participants p
      join companies c on c.id = ${round}.company_id where p.investment_id = ${round}.id and ${notFund(round)}`),
  ].join('\n');
}

/** Every pair of the rounds of the company, in the bucket of its values `company` (old or new), `sign` each. */
function companyPairs(company: string, sign: string): string {
  const year = `coalesce(substr(i.announced_on, 1, 4), '')`;
  const values = `coalesce(${company}.layer, ''), coalesce(${company}.region, ''), ${year}`;
  return [
    upsert(COUNTS, COUNT_KEY, `select ${values}, p.investor_id, q.investor_id, ${sign} * count(*)
      from investments i join investment_participants p on p.investment_id = i.id
      join investment_participants q on q.investment_id = i.id and q.investor_id > p.investor_id
      where i.company_id = ${company}.id and ${notFund('i')} group by ${year}, p.investor_id, q.investor_id`),
    upsert(OWN, OWN_KEY, `select p.investor_id, ${values}, ${sign} * count(*)
      from investments i join investment_participants p on p.investment_id = i.id
      where i.company_id = ${company}.id and ${notFund('i')} group by ${year}, p.investor_id`),
  ].join('\n');
}

const SQLITE_TRIGGERS: [name: string, definition: string][] = [
  ['co_investment_participant_insert', `after insert on investment_participants begin ${participantPairs('new.investment_id', 'new.investor_id', 'p.rowid <> new.rowid', '1')} end`],
  ['co_investment_participant_delete', `after delete on investment_participants begin ${participantPairs('old.investment_id', 'old.investor_id', 'p.investor_id <> old.investor_id', '-1')} end`],
  [
    'co_investment_participant_update',
    `after update of investment_id, investor_id on investment_participants
      when old.investment_id is not new.investment_id or old.investor_id is not new.investor_id begin
      ${participantPairs('old.investment_id', 'old.investor_id', 'p.rowid <> new.rowid', '-1')}
      ${participantPairs('new.investment_id', 'new.investor_id', 'p.rowid <> new.rowid', '1')} end`,
  ],
  [
    'co_investment_round_update',
    `after update of round_type, announced_on, company_id on investments
      when old.round_type is not new.round_type or old.announced_on is not new.announced_on or old.company_id is not new.company_id begin
      ${roundPairs('old', '-1', `${notFund('old')} and not ${notFund('new')}`)}
      ${roundPairs('new', '1', `${notFund('new')} and not ${notFund('old')}`)} end`,
  ],
  // Its participants go first, while their round still gives their bucket (then the cascade finds none).
  ['co_investment_round_delete', `before delete on investments begin delete from investment_participants where investment_id = old.id; end`],
  [
    'co_investment_company_update',
    `after update of layer, region on companies when old.layer is not new.layer or old.region is not new.region begin
      ${companyPairs('old', '-1')}
      ${companyPairs('new', '1')} end`,
  ],
];

async function upSqlite(db: Db): Promise<void> {
  await createTables(db, '');
  await fill(db, '');
  for (const [name, definition] of SQLITE_TRIGGERS) {
    await sql`create trigger ${raw(name)} ${raw(name === 'co_investment_round_delete' ? definition : guarded(definition))}`.execute(db);
  }
  await db.schema.createTable(TOUCHED).addColumn('investment_id', 'text', (c) => c.primaryKey()).modifyEnd(sql`without rowid`).execute();
}

async function downSqlite(db: Db): Promise<void> {
  for (const [name] of SQLITE_TRIGGERS) await sql`drop trigger if exists ${raw(name)}`.execute(db);
  await db.schema.dropTable(TOUCHED).execute();
  for (const table of [OWN, TOTALS, COUNTS]) await db.schema.dropTable(table).execute();
}

// ---- PostgreSQL: statement triggers on the participants (transition tables), row triggers on rounds and companies,
// all appending to the delta tables.

const COUNT_DELTAS = 'co_investment_count_deltas';
const TOTAL_DELTAS = 'co_investment_total_deltas';
const OWN_DELTAS = 'co_investor_round_deltas';

/**
 * Append (investment_id, x, y, n) rows — a pair of participants of a round and its change — to the pairs' delta
 * tables, and (investment_id, investor_id, n) rows `own` — a participant and its change — to the investors' rounds,
 * after the common table expressions `before` (each ending in a comma).
 */
const appendPairs = (changes: string, own: string, before = '') => `with ${before} changes (investment_id, x, y, n) as (${changes}),
      own_rounds as (insert into ${OWN_DELTAS} (${OWN_KEY}, rounds)
        select o.investor_id, ${bucket('c', 'i')}, sum(o.n)::integer from (${own}) as o (investment_id, investor_id, n)
        join investments i on i.id = o.investment_id join companies c on c.id = i.company_id where ${notFund('i')}
        group by o.investor_id, ${bucketKey('c', 'i')}),
      pairs as (select ${bucket('c', 'i')}, least(ch.x, ch.y) as a, greatest(ch.x, ch.y) as b, ch.n
        from changes ch join investments i on i.id = ch.investment_id join companies c on c.id = i.company_id where ${notFund('i')}),
      counted as (insert into ${COUNT_DELTAS} (${COUNT_KEY}, rounds)
        select * from (select layer, region, year, a, b, sum(n)::integer as n from pairs group by layer, region, year, a, b) s where s.n <> 0)
    insert into ${TOTAL_DELTAS} (${TOTAL_KEY}, rounds) select * from (select a, b, sum(n)::integer as n from pairs group by a, b) s where s.n <> 0;`;

/** The rows `rows` holds the participant row `alias`. */
const inRows = (rows: string, alias: string) => `exists (select 1 from ${rows} z where z.investment_id = ${alias}.investment_id and z.investor_id = ${alias}.investor_id)`;

/** Pairs the participant rows `added` (in the table now) have: with the other rows of their round, with each other once. */
const addedPairs = (added: string) => `select x.investment_id, x.investor_id, y.investor_id, 1 from ${added} x
      join investment_participants y on y.investment_id = x.investment_id and y.investor_id <> x.investor_id
      where x.investor_id < y.investor_id or not ${inRows(added, 'y')}`;
/** Pairs the participant rows `removed` (gone now) had: with the rows of their round (`kept` of them), with each other once. */
const removedPairs = (removed: string, kept: string) => `select x.investment_id, x.investor_id, y.investor_id, -1 from ${removed} x
      join investment_participants y on y.investment_id = x.investment_id where ${kept}
    union all select x.investment_id, x.investor_id, y.investor_id, -1 from ${removed} x join ${removed} y on y.investment_id = x.investment_id and y.investor_id > x.investor_id`;
/** An update: rows whose key changed left their pairs and joined others (rows whose key stayed keep theirs). */
const MOVED = `moved_out as (select * from removed r where not ${inRows('added', 'r')}),
      moved_in as (select * from added a where not ${inRows('removed', 'a')}),`;

const PG_FUNCTIONS: [name: string, body: string][] = [
  ['co_investment_added', appendPairs(addedPairs('added'), 'select investment_id, investor_id, 1 from added')],
  ['co_investment_removed', appendPairs(removedPairs('removed', 'true'), 'select investment_id, investor_id, -1 from removed')],
  [
    'co_investment_moved',
    appendPairs(
      `${removedPairs('moved_out', `not ${inRows('moved_in', 'y')}`)} union all ${addedPairs('moved_in')}`,
      'select investment_id, investor_id, -1 from moved_out union all select investment_id, investor_id, 1 from moved_in',
      MOVED,
    ),
  ],
  [
    'co_investment_round_changed',
    `insert into ${COUNT_DELTAS} (${COUNT_KEY}, rounds)
        select ${bucket('c', 'old')}, p.investor_id, q.investor_id, -1 from investment_participants p
          join investment_participants q on q.investment_id = p.investment_id and q.investor_id > p.investor_id join companies c on c.id = old.company_id
          where p.investment_id = old.id and ${notFund('old')}
        union all select ${bucket('c', 'new')}, p.investor_id, q.investor_id, 1 from investment_participants p
          join investment_participants q on q.investment_id = p.investment_id and q.investor_id > p.investor_id join companies c on c.id = new.company_id
          where p.investment_id = new.id and ${notFund('new')};
      insert into ${TOTAL_DELTAS} (${TOTAL_KEY}, rounds)
        select p.investor_id, q.investor_id, case when ${notFund('new')} then 1 else -1 end from investment_participants p
          join investment_participants q on q.investment_id = p.investment_id and q.investor_id > p.investor_id
          where p.investment_id = new.id and ${notFund('old')} <> ${notFund('new')};
      insert into ${OWN_DELTAS} (${OWN_KEY}, rounds)
        select p.investor_id, ${bucket('c', 'old')}, -1 from investment_participants p join companies c on c.id = old.company_id
          where p.investment_id = old.id and ${notFund('old')}
        union all select p.investor_id, ${bucket('c', 'new')}, 1 from investment_participants p join companies c on c.id = new.company_id
          where p.investment_id = new.id and ${notFund('new')};`,
  ],
  [
    'co_investment_company_changed',
    `insert into ${COUNT_DELTAS} (${COUNT_KEY}, rounds)
        select l.layer, l.region, coalesce(substr(i.announced_on, 1, 4), ''), p.investor_id, q.investor_id, l.sign * count(*)
        from (values (coalesce(old.layer, ''), coalesce(old.region, ''), -1), (coalesce(new.layer, ''), coalesce(new.region, ''), 1)) as l (layer, region, sign)
        cross join investments i join investment_participants p on p.investment_id = i.id
        join investment_participants q on q.investment_id = i.id and q.investor_id > p.investor_id
        where i.company_id = new.id and ${notFund('i')}
        group by l.layer, l.region, l.sign, coalesce(substr(i.announced_on, 1, 4), ''), p.investor_id, q.investor_id;
      insert into ${OWN_DELTAS} (${OWN_KEY}, rounds)
        select p.investor_id, l.layer, l.region, coalesce(substr(i.announced_on, 1, 4), ''), l.sign * count(*)
        from (values (coalesce(old.layer, ''), coalesce(old.region, ''), -1), (coalesce(new.layer, ''), coalesce(new.region, ''), 1)) as l (layer, region, sign)
        cross join investments i join investment_participants p on p.investment_id = i.id
        where i.company_id = new.id and ${notFund('i')}
        group by l.layer, l.region, l.sign, coalesce(substr(i.announced_on, 1, 4), ''), p.investor_id;`,
  ],
];

const PG_TRIGGERS: [name: string, table: string, definition: string][] = [
  ['co_investment_added', 'investment_participants', 'after insert on investment_participants referencing new table as added for each statement execute function co_investment_added()'],
  ['co_investment_removed', 'investment_participants', 'after delete on investment_participants referencing old table as removed for each statement execute function co_investment_removed()'],
  [
    'co_investment_moved',
    'investment_participants',
    // Any update (no column list with transition tables): most (a round's copied type or date) move no key.
    'after update on investment_participants referencing old table as removed new table as added for each statement execute function co_investment_moved()',
  ],
  [
    'co_investment_round_changed',
    'investments',
    `after update of round_type, announced_on, company_id on investments for each row
      when (old.round_type is distinct from new.round_type or old.announced_on is distinct from new.announced_on or old.company_id is distinct from new.company_id)
      execute function co_investment_round_changed()`,
  ],
  ['co_investment_round_delete', 'investments', 'before delete on investments for each row execute function co_investment_round_delete()'],
  [
    'co_investment_company_changed',
    'companies',
    `after update of layer, region on companies for each row
      when (old.layer is distinct from new.layer or old.region is distinct from new.region) execute function co_investment_company_changed()`,
  ],
];

async function upPostgres(db: Db): Promise<void> {
  await createTables(db, '_kept');
  await fill(db, '_kept');
  for (const [view, deltas, key] of [
    [COUNTS, COUNT_DELTAS, COUNT_KEY],
    [TOTALS, TOTAL_DELTAS, TOTAL_KEY],
    [OWN, OWN_DELTAS, OWN_KEY],
  ]) {
    await sql`create table ${raw(deltas)} as select ${raw(key)}, rounds from ${raw(`${view}_kept`)} where false`.execute(db);
    await sql`create index ${raw(`${deltas}_key_idx`)} on ${raw(deltas)} (${raw(key)})`.execute(db);
    await sql`create view ${raw(view)} as select ${raw(key)}, sum(rounds)::integer as rounds
        from (select ${raw(key)}, rounds from ${raw(`${view}_kept`)} union all select ${raw(key)}, rounds from ${raw(deltas)}) as counted
        group by ${raw(key)}`.execute(db);
  }
  for (const [name, body] of PG_FUNCTIONS) {
    await sql`create function ${raw(name)}() returns trigger language plpgsql as $$
      begin
        ${raw(body)}
        return null;
      end $$`.execute(db);
  }
  await sql`create function co_investment_round_delete() returns trigger language plpgsql as $$
    begin
      delete from investment_participants where investment_id = old.id;
      return old;
    end $$`.execute(db);
  for (const [name, , definition] of PG_TRIGGERS) await sql`create trigger ${raw(name)} ${raw(definition)}`.execute(db);
}

async function downPostgres(db: Db): Promise<void> {
  for (const [name, table] of PG_TRIGGERS) await sql`drop trigger if exists ${raw(name)} on ${raw(table)}`.execute(db);
  for (const [name] of [...PG_FUNCTIONS, ['co_investment_round_delete']]) await sql`drop function if exists ${raw(name)}()`.execute(db);
  for (const [view, deltas] of [
    [COUNTS, COUNT_DELTAS],
    [TOTALS, TOTAL_DELTAS],
    [OWN, OWN_DELTAS],
  ]) {
    await sql`drop view ${raw(view)}`.execute(db);
    await db.schema.dropTable(deltas).execute();
    await db.schema.dropTable(`${view}_kept`).execute();
  }
}

// ---- Funding per company and year: SQLite row triggers, PostgreSQL statement triggers appending deltas.

const FUNDING = 'company_funding';
const FUNDING_DELTAS = 'company_funding_deltas';
const FUNDING_KEY = 'year, company_id';
const FUNDING_COUNTS = ['funding', 'disclosed', 'rounds'];

async function createFunding(db: Db, table: string): Promise<void> {
  await db.schema
    .createTable(table)
    .addColumn('year', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('funding', isPostgres(db) ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('disclosed', 'integer', (c) => c.notNull())
    .addColumn('rounds', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${table}_pk`, ['year', 'company_id'])
    .$call((b: any) => (isPostgres(db) ? b : b.modifyEnd(sql`without rowid`)))
    .execute();
}

/** A round `r`'s funding rows, `sign` each: its year's and the '*' (every year) row. */
const fundingOf = (r: string, sign: string, year: string) =>
  `select ${year}, ${r}.company_id, ${sign} * coalesce(${r}.amount_usd, 0), ${sign} * (case when ${r}.amount_usd is null then 0 else 1 end), ${sign}`;
const yearOf = (r: string) => `coalesce(substr(${r}.announced_on, 1, 4), '')`;

/** Fill from the rounds: per company and year, then the '*' rows from those. */
async function fillFunding(db: Db, table: string): Promise<void> {
  await sql`insert into ${raw(table)} (${raw(FUNDING_KEY)}, funding, disclosed, rounds)
    select ${raw(yearOf('i'))}, i.company_id, sum(coalesce(i.amount_usd, 0)), sum(case when i.amount_usd is null then 0 else 1 end), count(*)
    from investments i where ${raw(notFund('i'))} group by ${raw(yearOf('i'))}, i.company_id`.execute(db);
  await sql`insert into ${raw(table)} (${raw(FUNDING_KEY)}, funding, disclosed, rounds)
    select '*', company_id, sum(funding), sum(disclosed), sum(rounds) from ${raw(table)} group by company_id`.execute(db);
}

const fundingUpsert = (select: string) => `insert into ${FUNDING} (${FUNDING_KEY}, funding, disclosed, rounds) ${select}
      on conflict (${FUNDING_KEY}) do update set funding = funding + excluded.funding, disclosed = disclosed + excluded.disclosed, rounds = rounds + excluded.rounds;`;
/** SQLite: the funding rows of round `r` (new or old), `sign` each, when it is not a fund row. */
const sqliteFunding = (r: string, sign: string) =>
  fundingUpsert(`${fundingOf(r, sign, 'y.year')} from (select ${yearOf(r)} as year union all select '*') y where ${notFund(r)}`);

/**
 * SQLite bulk writes: the rounds `rounds` (a condition on investments `i`) not touched yet lose their whole
 * contribution — pairs, investors' rounds, funding — and are marked touched.
 */
function touch(rounds: string): string {
  const fresh = `${rounds} and not exists (select 1 from ${TOUCHED} t where t.investment_id = i.id) and ${notFund('i')}`;
  const pairs = `join investment_participants p on p.investment_id = i.id join investment_participants q on q.investment_id = i.id and q.investor_id > p.investor_id`;
  const every = `case when y.k = '*' then '*' else coalesce(substr(i.announced_on, 1, 4), '') end`;
  const withCompany = `from investments i join companies c on c.id = i.company_id`;
  return [
    upsert(COUNTS, COUNT_KEY, `select ${bucketKey('c', 'i')}, p.investor_id, q.investor_id, -count(*) ${withCompany} ${pairs}
      where ${fresh} group by ${bucketKey('c', 'i')}, p.investor_id, q.investor_id`),
    upsert(TOTALS, TOTAL_KEY, `select p.investor_id, q.investor_id, -count(*) from investments i ${pairs} where ${fresh} group by p.investor_id, q.investor_id`),
    upsert(OWN, OWN_KEY, `select p.investor_id, ${bucketKey('c', 'i')}, -count(*) ${withCompany} join investment_participants p on p.investment_id = i.id
      where ${fresh} group by p.investor_id, ${bucketKey('c', 'i')}`),
    fundingUpsert(`select ${every}, i.company_id, -sum(coalesce(i.amount_usd, 0)), -sum(case when i.amount_usd is null then 0 else 1 end), -count(*)
      from investments i cross join (select '' as k union all select '*') y where ${fresh} group by ${every}, i.company_id`),
    `insert or ignore into ${TOUCHED} (investment_id) select i.id from investments i where ${rounds};`,
  ].join('\n');
}

/** Bulk writes and the round `id` not touched yet: a round's later changes in the same write skip the trigger at once. */
const untouched = (id: string) => `${BULK} and not exists (select 1 from ${TOUCHED} t where t.investment_id = ${id})`;

const BULK_TRIGGERS: [name: string, definition: string][] = [
  ['analysis_bulk_round_insert', `before insert on investments when ${BULK} begin insert or ignore into ${TOUCHED} (investment_id) values (new.id); end`],
  ['analysis_bulk_round_update', `before update of company_id, announced_on, round_type, amount_usd on investments when ${untouched('old.id')} begin ${touch('i.id = old.id')} end`],
  ['analysis_bulk_round_delete', `before delete on investments when ${untouched('old.id')} begin ${touch('i.id = old.id')} end`],
  ['analysis_bulk_participant_insert', `before insert on investment_participants when ${untouched('new.investment_id')} begin ${touch('i.id = new.investment_id')} end`],
  ['analysis_bulk_participant_delete', `before delete on investment_participants when ${untouched('old.investment_id')} begin ${touch('i.id = old.investment_id')} end`],
  [
    'analysis_bulk_participant_update',
    `before update of investment_id, investor_id on investment_participants when ${BULK} begin ${touch('i.id = old.investment_id')} ${touch('i.id = new.investment_id')} end`,
  ],
  ['analysis_bulk_company_update', `before update of layer, region on companies when ${BULK} begin ${touch('i.company_id = old.id')} end`],
];

const FUNDING_TRIGGERS: [name: string, definition: string][] = [
  ['company_funding_insert', `after insert on investments begin ${sqliteFunding('new', '1')} end`],
  ['company_funding_delete', `after delete on investments begin ${sqliteFunding('old', '-1')} end`],
  [
    'company_funding_update',
    `after update of company_id, announced_on, round_type, amount_usd on investments
      when old.company_id is not new.company_id or old.announced_on is not new.announced_on or old.round_type is not new.round_type or old.amount_usd is not new.amount_usd
      begin ${sqliteFunding('old', '-1')} ${sqliteFunding('new', '1')} end`,
  ],
];

/** PostgreSQL: the funding rows of the rounds of transition tables (`added` +1, `removed` −1), net changes only. */
const pgFunding = (tables: [table: string, sign: string][]) => `insert into ${FUNDING_DELTAS} (${FUNDING_KEY}, funding, disclosed, rounds)
    select * from (select y.year, r.company_id, sum(r.funding)::bigint as funding, sum(r.disclosed)::integer as disclosed, sum(r.rounds)::integer as rounds
      from (${tables.map(([table, sign]) => `${fundingOf('t', sign, yearOf('t'))} from ${table} t where ${notFund('t')}`).join(' union all ')}) as r (year, company_id, funding, disclosed, rounds)
      cross join lateral (values (r.year), ('*')) as y (year)
      group by y.year, r.company_id) s
    where s.funding <> 0 or s.disclosed <> 0 or s.rounds <> 0;`;

const PG_FUNDING: [name: string, event: string, transitions: string, body: string][] = [
  ['company_funding_added', 'insert', 'new table as added', pgFunding([['added', '1']])],
  ['company_funding_removed', 'delete', 'old table as removed', pgFunding([['removed', '-1']])],
  ['company_funding_changed', 'update', 'old table as removed new table as added', pgFunding([['removed', '-1'], ['added', '1']])],
];

async function upFunding(db: Db): Promise<void> {
  if (!isPostgres(db)) {
    await createFunding(db, FUNDING);
    await fillFunding(db, FUNDING);
    for (const [name, definition] of FUNDING_TRIGGERS) await sql`create trigger ${raw(name)} ${raw(guarded(definition))}`.execute(db);
    // After company_funding: the bulk triggers write every kept table.
    for (const [name, definition] of BULK_TRIGGERS) await sql`create trigger ${raw(name)} ${raw(definition)}`.execute(db);
    return;
  }
  await createFunding(db, `${FUNDING}_kept`);
  await fillFunding(db, `${FUNDING}_kept`);
  await sql`create table ${raw(FUNDING_DELTAS)} as select ${raw(FUNDING_KEY)}, ${raw(FUNDING_COUNTS.join(', '))} from ${raw(`${FUNDING}_kept`)} where false`.execute(db);
  await sql`create index ${raw(`${FUNDING_DELTAS}_key_idx`)} on ${raw(FUNDING_DELTAS)} (${raw(FUNDING_KEY)})`.execute(db);
  const sums = FUNDING_COUNTS.map((c) => `sum(${c})::${c === 'funding' ? 'bigint' : 'integer'} as ${c}`).join(', ');
  const columns = `${FUNDING_KEY}, ${FUNDING_COUNTS.join(', ')}`;
  await sql`create view ${raw(FUNDING)} as select ${raw(FUNDING_KEY)}, ${raw(sums)}
      from (select ${raw(columns)} from ${raw(`${FUNDING}_kept`)} union all select ${raw(columns)} from ${raw(FUNDING_DELTAS)}) as counted
      group by ${raw(FUNDING_KEY)}`.execute(db);
  for (const [name, event, transitions, body] of PG_FUNDING) {
    await sql`create function ${raw(name)}() returns trigger language plpgsql as $$
      begin
        ${raw(body)}
        return null;
      end $$`.execute(db);
    await sql`create trigger ${raw(name)} after ${raw(event)} on investments referencing ${raw(transitions)} for each statement execute function ${raw(name)}()`.execute(db);
  }
}

async function downFunding(db: Db): Promise<void> {
  if (!isPostgres(db)) {
    for (const [name] of [...BULK_TRIGGERS, ...FUNDING_TRIGGERS]) await sql`drop trigger if exists ${raw(name)}`.execute(db);
    await db.schema.dropTable(FUNDING).execute();
    return;
  }
  for (const [name] of PG_FUNDING) {
    await sql`drop trigger if exists ${raw(name)} on investments`.execute(db);
    await sql`drop function if exists ${raw(name)}()`.execute(db);
  }
  await sql`drop view ${raw(FUNDING)}`.execute(db);
  await db.schema.dropTable(FUNDING_DELTAS).execute();
  await db.schema.dropTable(`${FUNDING}_kept`).execute();
}

export async function up(db: Db): Promise<void> {
  await (isPostgres(db) ? upPostgres(db) : upSqlite(db));
  await upFunding(db);
}

export async function down(db: Db): Promise<void> {
  await downFunding(db);
  await (isPostgres(db) ? downPostgres(db) : downSqlite(db));
}
