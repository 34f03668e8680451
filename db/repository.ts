import { sql } from 'kysely';
import { findCollection, getCollection, storedColumns } from '../lib/collections';
import { ruleIssuesOf } from '../lib/collections/rules';
import { issuesOf, rowSchemas } from '../lib/collections/schemas';
import type { Collection, Row } from '../lib/collections/types';
import { ApiError, notFound, unprocessable, type ErrorIssue } from '../lib/errors';
import { getChange, recordChange, type Executor } from './changes';
import type { Atlas } from './connection';
import { deriveContextFor, ratePairs, reconvertRounds } from './fx';
import { randomId, slugify } from './ids';
import { assertEditable } from './ownership';
import { attachLinks, hasLinks, linksTo, writeLinks } from './relations';
import { baselineRule, Outbox } from './outbox';
import { fromDb, getRow } from './rows';
import { dynamic } from './types';
import { referencesTo } from './where';

// The one way data is written: each write stores the row and its change-log entry in one transaction.

export interface WriteContext {
  actor: string;
  batchId?: string | null;
  /** The writer's email when ownership limits apply (db/ownership.ts): team mode, not an admin. */
  restrictedTo?: string;
  /** Values of columns the registry does not name (an alert rule's webhook secret): stored, never logged or answered. */
  hidden?: Record<string, unknown>;
}

export type Snapshot = Record<string, unknown> & { id: string };

function parseBody(collection: Collection, body: unknown, mode: 'create' | 'update'): Record<string, unknown> {
  const schema = rowSchemas(collection)[mode];
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw unprocessable('the row is not valid', issuesOf(parsed.error));
  return parsed.data as Record<string, unknown>;
}

/** The row as stored, plus its refs lists (participants): what the change log keeps and restores. */
export async function snapshotOf(trx: Executor, collection: Collection, id: string): Promise<Snapshot | null> {
  const raw = await dynamic(trx as Atlas['db']).selectFrom(collection.table).selectAll().where(sql.ref('id'), '=', id).executeTakeFirst();
  if (!raw) return null;
  const row: Snapshot = fromDb(collection, raw);
  await attachLinks(trx, collection, [row], false);
  return row;
}

async function missingRefs(trx: Executor, collection: Collection, data: Record<string, unknown>): Promise<ErrorIssue[]> {
  const issues: ErrorIssue[] = [];
  for (const column of collection.columns.filter((c) => c.type === 'ref' || c.type === 'refs')) {
    const value = data[column.id];
    const ids = Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
    if (ids.length === 0) continue;
    const target = getCollection(column.ref ?? '');
    const found = await dynamic(trx as Atlas['db']).selectFrom(target.table).select(sql<string>`id`.as('id')).where(sql<boolean>`id in (${sql.join(ids)})`).execute();
    const known = new Set(found.map((r) => String(r.id)));
    for (const id of ids) {
      if (!known.has(id)) issues.push({ path: column.id, message: `no ${target.singular.en.toLowerCase()} with id "${id}"` });
    }
  }
  return issues;
}

/** The collection's rules across columns, then the rows it points at outside its ref columns (evidence targets). */
async function ruleIssues(trx: Executor, collection: Collection, row: Record<string, unknown>): Promise<ErrorIssue[]> {
  const issues = ruleIssuesOf(collection, row);
  if (issues.length) return issues;
  for (const ref of collection.references?.(row) ?? []) {
    const target = findCollection(ref.collection);
    const found = target && (await dynamic(trx as Atlas['db']).selectFrom(target.table).select(sql<string>`id`.as('id')).where(sql.ref('id'), '=', ref.id).executeTakeFirst());
    if (!found) issues.push({ path: ref.path, message: target ? `no ${target.singular.en.toLowerCase()} with id "${ref.id}"` : `unknown collection "${ref.collection}"` });
  }
  return issues;
}

export function toDbValues(collection: Collection, data: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const column of storedColumns(collection)) {
    if (!(column.id in data)) continue;
    const value = data[column.id];
    values[column.id] = column.type === 'json' && value !== null && value !== undefined ? JSON.stringify(value) : value;
  }
  return values;
}

/** Store a row's refs lists that `data` names (replacing the stored links when `replace`). */
export async function writeRefsLists(trx: Executor, collection: Collection, id: string, data: Record<string, unknown>, replace: boolean): Promise<void> {
  if (hasLinks(collection)) await writeLinks(trx, collection, [{ id, lists: data, replace }]);
}

export /**
 * The participant lists after an update that may name only one of them: `investors` alone replaces
 * the participants (keeping the leads that remain); `lead_investors` alone re-marks the leads and keeps
 * every other participant.
 */
function participantsAfter(before: Snapshot, data: Record<string, unknown>): Record<string, unknown> {
  const was = { all: (before.investors as string[]) ?? [], leads: (before.lead_investors as string[]) ?? [] };
  const investors = (data.investors as string[] | undefined) ?? was.all;
  const leads = (data.lead_investors as string[] | undefined) ?? was.leads.filter((id) => investors.includes(id));
  return { investors, lead_investors: leads };
}

/** A new row's owner (its writer) and first version, for the collections that keep them. */
function ownedAndVersioned(collection: Collection, actor: string): Record<string, unknown> {
  return {
    ...(collection.ownership ? { [collection.ownership.owner]: actor } : {}),
    ...(collection.versionColumn ? { [collection.versionColumn]: 1 } : {}),
  };
}

/** The version a write says it saw (`version` in the body of a versioned collection), and the rest of the body. */
function expectedVersion(collection: Collection, body: unknown): { expected: number | undefined; rest: unknown } {
  const key = collection.versionColumn;
  if (!key || !body || typeof body !== 'object' || Array.isArray(body) || !(key in body)) return { expected: undefined, rest: body };
  const { [key]: expected, ...rest } = body as Record<string, unknown>;
  if (typeof expected !== 'number' || !Number.isInteger(expected) || expected < 1) {
    throw unprocessable('the row is not valid', [{ path: key, message: `${key} must be the whole number of the version you edited` }]);
  }
  return { expected, rest };
}

function assertVersion(collection: Collection, before: Snapshot, expected: number | undefined): void {
  const key = collection.versionColumn;
  if (!key || expected === undefined || Number(before[key]) === expected) return;
  throw new ApiError(409, `${collection.singular.en} "${before.id}" was changed by someone else: you edited version ${expected}, it is now at version ${Number(before[key])}; reload it and apply your change again`, { param: key });
}

/** Every write of a versioned row moves its version on (an undo too, so that a stale editor cannot save over it). */
function nextVersion(collection: Collection, current: Snapshot): Record<string, unknown> {
  const key = collection.versionColumn;
  return key ? { [key]: Number(current[key] ?? 0) + 1 } : {};
}

/** Rows derived from the written ones follow them: a changed exchange rate converts its rounds again (db/fx.ts). */
async function afterWrite(trx: Executor, collection: Collection, rows: (Snapshot | null)[]): Promise<void> {
  if (collection.id === 'fx-rates') await reconvertRounds(trx, ratePairs(rows));
}

async function uniqueSlug(trx: Executor, collection: Collection, base: string): Promise<string> {
  if (!base) return randomId(collection.idPrefix ?? 'row');
  for (let n = 1; n < 1000; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!(await snapshotOf(trx, collection, id))) return id;
  }
  return randomId(base);
}

/** After a write, in its transaction: the follows and rules it concerns are told (db/outbox.ts); a rule written starts its watch. */
async function told(trx: Executor, atlas: Atlas, collection: Collection, outbox: Outbox | null, id: string, gone = false): Promise<void> {
  await outbox?.close({ ids: [id] });
  if (collection.id === 'alerts' && !gone) await baselineRule(trx, atlas.dialect, id);
}

async function insertSnapshot(trx: Executor, collection: Collection, data: Snapshot, hidden: Record<string, unknown> = {}): Promise<void> {
  await dynamic(trx as Atlas['db']).insertInto(collection.table).values({ ...toDbValues(collection, data), ...hidden }).execute();
  await writeRefsLists(trx, collection, data.id, data, false);
}

export async function createRow(atlas: Atlas, collectionId: string, body: unknown, ctx: WriteContext): Promise<Row> {
  const collection = getCollection(collectionId);
  const data = parseBody(collection, body, 'create');
  const id = await atlas.db.transaction().execute(async (trx) => {
    const issues = await missingRefs(trx, collection, data);
    if (issues.length) throw unprocessable('a referenced row does not exist', issues);
    let id = data.id as string | undefined;
    if (id) {
      if (await snapshotOf(trx, collection, id)) throw new ApiError(409, `${collection.singular.en} "${id}" already exists`, { param: 'id' });
    } else {
      const title = data[collection.titleColumn];
      id = collection.idPrefix ? randomId(collection.idPrefix) : await uniqueSlug(trx, collection, slugify(String(title ?? '')));
    }
    const broken = await ruleIssues(trx, collection, { ...data, id });
    if (broken.length) throw unprocessable('the row is not valid', broken);
    const now = new Date().toISOString();
    const derived = collection.derive?.(data, await deriveContextFor(trx, collection, null));
    const row: Snapshot = { ...data, ...derived, ...ownedAndVersioned(collection, ctx.actor), id, created_at: now, updated_at: now };
    const outbox = await Outbox.open(trx, atlas.dialect, [collection]);
    await insertSnapshot(trx, collection, row, ctx.hidden);
    await afterWrite(trx, collection, [row]);
    await recordChange(trx, { actor: ctx.actor, collection: collection.id, rowId: id, action: 'create', before: null, after: await snapshotOf(trx, collection, id), batchId: ctx.batchId });
    await told(trx, atlas, collection, outbox, id);
    return id;
  });
  return (await getRow(atlas, collection, id)) as Row;
}

export async function updateRow(atlas: Atlas, collectionId: string, id: string, body: unknown, ctx: WriteContext): Promise<Row> {
  const collection = getCollection(collectionId);
  const { expected, rest } = expectedVersion(collection, body);
  const data = parseBody(collection, rest, 'update');
  await atlas.db.transaction().execute(async (trx) => {
    const before = await snapshotOf(trx, collection, id);
    if (!before) throw notFound(`no ${collection.singular.en.toLowerCase()} with id "${id}"`);
    assertEditable(collection, before, ctx.restrictedTo);
    assertVersion(collection, before, expected);
    const issues = await missingRefs(trx, collection, data);
    if (issues.length) throw unprocessable('a referenced row does not exist', issues);
    if (collection.id === 'companies' && data.parent_id === id) throw unprocessable('a company cannot be its own parent', [{ path: 'parent_id', message: 'must differ from id' }]);
    const merged = { ...before, ...data };
    const broken = await ruleIssues(trx, collection, merged);
    if (broken.length) throw unprocessable('the row is not valid', broken);
    const derived = collection.derive?.(merged, await deriveContextFor(trx, collection, before));
    const values = { ...toDbValues(collection, { ...data, ...derived }), ...nextVersion(collection, before), updated_at: new Date().toISOString(), ...ctx.hidden };
    const outbox = await Outbox.open(trx, atlas.dialect, [collection]);
    await outbox?.noteBefore({ ids: [id] });
    await dynamic(trx as Atlas['db']).updateTable(collection.table).set(values).where(sql.ref('id'), '=', id).execute();
    if ('investors' in data || 'lead_investors' in data) await writeRefsLists(trx, collection, id, participantsAfter(before, data), true);
    const after = await snapshotOf(trx, collection, id);
    await afterWrite(trx, collection, [before, after]);
    await recordChange(trx, { actor: ctx.actor, collection: collection.id, rowId: id, action: 'update', before, after, batchId: ctx.batchId });
    await told(trx, atlas, collection, outbox, id);
  });
  return (await getRow(atlas, collection, id)) as Row;
}

async function assertUnreferenced(trx: Executor, collection: Collection, id: string): Promise<void> {
  const uses: string[] = [];
  for (const { collection: other, column } of referencesTo(collection)) {
    const found = await dynamic(trx as Atlas['db']).selectFrom(other.table).select(sql<number>`count(*)`.as('n')).where(sql.ref(column.id), '=', id).executeTakeFirstOrThrow();
    if (Number(found.n) > 0) uses.push(`${Number(found.n)} ${other.label.en.toLowerCase()} (${column.id})`);
  }
  for (const { collection: other, column, count } of await linksTo(trx, collection, id)) uses.push(`${count} ${other.label.en.toLowerCase()} (${column.id})`);
  if (uses.length) throw new ApiError(409, `cannot delete "${id}": it is referenced by ${uses.join(', ')}`);
}

export async function deleteRow(atlas: Atlas, collectionId: string, id: string, ctx: WriteContext): Promise<void> {
  const collection = getCollection(collectionId);
  await atlas.db.transaction().execute(async (trx) => {
    const before = await snapshotOf(trx, collection, id);
    if (!before) throw notFound(`no ${collection.singular.en.toLowerCase()} with id "${id}"`);
    assertEditable(collection, before, ctx.restrictedTo);
    await assertUnreferenced(trx, collection, id);
    const outbox = await Outbox.open(trx, atlas.dialect, [collection]);
    await outbox?.noteBefore({ ids: [id] });
    await dynamic(trx as Atlas['db']).deleteFrom(collection.table).where(sql.ref('id'), '=', id).execute();
    await afterWrite(trx, collection, [before]);
    await recordChange(trx, { actor: ctx.actor, collection: collection.id, rowId: id, action: 'delete', before, after: null, batchId: ctx.batchId });
    await told(trx, atlas, collection, outbox, id, true);
  });
}

/** Revert one change: a create is deleted, an update set back, a delete restored. */
export async function undoChange(atlas: Atlas, changeId: number, ctx: WriteContext): Promise<{ collection: string; rowId: string; action: string }> {
  const change = await getChange(atlas.db, changeId);
  if (!change) throw notFound(`no change ${changeId}`);
  const collection = getCollection(change.collection);
  await atlas.db.transaction().execute(async (trx) => {
    const current = await snapshotOf(trx, collection, change.rowId);
    for (const row of [current, change.before as Snapshot | null]) if (row) assertEditable(collection, row, ctx.restrictedTo);
    const outbox = await Outbox.open(trx, atlas.dialect, [collection]);
    await outbox?.noteBefore({ ids: [change.rowId] });
    if (change.before === null) {
      if (!current) throw new ApiError(409, 'the row was already deleted');
      await assertUnreferenced(trx, collection, change.rowId);
      await dynamic(trx as Atlas['db']).deleteFrom(collection.table).where(sql.ref('id'), '=', change.rowId).execute();
      await afterWrite(trx, collection, [current]);
      await recordChange(trx, { actor: ctx.actor, collection: collection.id, rowId: change.rowId, action: 'delete', before: current, after: null, batchId: ctx.batchId });
      await told(trx, atlas, collection, outbox, change.rowId, true);
      return;
    }
    const stored = change.before as Snapshot;
    const issues = await missingRefs(trx, collection, stored);
    if (issues.length) throw new ApiError(409, 'cannot restore: a row it references no longer exists', { issues });
    // The row comes back as it was, its derived columns derived again (a converted amount at today's rates).
    const before: Snapshot = collection.deriveUses ? { ...stored, ...collection.derive?.(stored, await deriveContextFor(trx, collection, stored)) } : stored;
    if (current) {
      const values = { ...toDbValues(collection, before), ...nextVersion(collection, current) };
      await dynamic(trx as Atlas['db']).updateTable(collection.table).set(values).where(sql.ref('id'), '=', change.rowId).execute();
      await writeRefsLists(trx, collection, change.rowId, before, true);
    } else {
      await insertSnapshot(trx, collection, before);
    }
    const after = await snapshotOf(trx, collection, change.rowId);
    await afterWrite(trx, collection, [current, after]);
    await recordChange(trx, { actor: ctx.actor, collection: collection.id, rowId: change.rowId, action: current ? 'update' : 'restore', before: current, after, batchId: ctx.batchId });
    await told(trx, atlas, collection, outbox, change.rowId);
  });
  return { collection: collection.id, rowId: change.rowId, action: change.action };
}
