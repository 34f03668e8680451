import { getCollection, storedColumns } from '../lib/collections';
import { ruleIssuesOf } from '../lib/collections/rules';
import type { Collection, DeriveContext, RowReference } from '../lib/collections/types';
import { noRates } from '../lib/fx/rates';
import { hasParticipants, isUnchanged, participantsAfter, type Participants } from '../lib/csv/compare';
import type { Rejection } from '../lib/csv/import-types';
import { reason } from '../lib/csv/reasons';
import { cellOf, validateCandidate, type Candidate } from '../lib/csv/rows';
import { fxLookupOf } from './fx';
import { storedSnapshots } from './import-lookup';
import { freeId, lookUpRows, PARTICIPANT_COLUMNS, resolveInvestors, resolveTokens, rowExists, type ImportState } from './import-resolve';
import type { RowWrite } from './import-writer';
import { randomId, slugify } from './ids';
import { toDbValues, type Snapshot } from './repository';

// Classify one batch of candidate rows against the database: insert, update, unchanged or rejected, and the
// writes that carry it out. Each row passes the same checks as a JSON write — the registry's field schemas,
// its cross-column rules (`validate`) and every row it points at (ref columns and `references`).

export type { ImportState } from './import-resolve';
export { newImportState } from './import-resolve';

export interface BatchOutcome {
  writes: RowWrite[];
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[][];
  investorsCreated: number;
}

/** A row that passed its own checks; what it points at is checked once the batch's look-ups are done. */
interface Checked {
  candidate: Candidate;
  stored: Snapshot | undefined;
  data: Record<string, unknown>;
  pointsAt: RowReference[];
  investors: string[];
}

const snapshotColumns = new Map<Collection, { id: string; empty: 0 | null }[]>();

function snapshotOf(collection: Collection, row: Record<string, unknown>, participants: Participants | null): Snapshot {
  // A flag is never null: a row that does not give it has the column's default, 0 (migration 012).
  let columns = snapshotColumns.get(collection);
  if (!columns) snapshotColumns.set(collection, (columns = storedColumns(collection).map((c) => ({ id: c.id, empty: c.type === 'flag' ? 0 : null }))));
  const snapshot: Record<string, unknown> = {};
  for (const column of columns) snapshot[column.id] = row[column.id] ?? column.empty;
  if (participants) Object.assign(snapshot, participants);
  return snapshot as Snapshot;
}

const columnOf = (path: string) => path.split('.')[0] || null;

/** Ref columns and the collection's own `references`, as one list of rows that must exist. */
function referencesOf(collection: Collection, row: Record<string, unknown>, data: Record<string, unknown>): RowReference[] {
  const refs: RowReference[] = [];
  for (const column of collection.columns) {
    const value = data[column.id];
    if (column.type === 'ref' && typeof value === 'string') refs.push({ path: column.id, collection: column.ref ?? '', id: value });
  }
  return [...refs, ...(collection.references?.(row) ?? [])];
}

async function check(state: ImportState, candidate: Candidate, stored: Snapshot | undefined): Promise<Checked | Rejection[]> {
  const { collection } = state;
  const rejections: Rejection[] = [];
  const investors = hasParticipants(collection) ? await resolveInvestors(state, candidate, rejections) : [];
  const validated = validateCandidate(collection, candidate, stored ? 'update' : 'create');
  if (!validated.ok) return [...rejections, ...validated.rejections];
  if (rejections.length) return rejections;
  const data = validated.data;
  const row = collection.validate || collection.references ? { ...(stored ?? {}), ...data, id: stored?.id ?? candidate.id } : data;
  const broken = ruleIssuesOf(collection, row);
  if (broken.length) {
    return broken.map((issue) => ({ line: candidate.line, column: columnOf(issue.path), value: cellOf(candidate, columnOf(issue.path)), ...reason('invalid', { detail: issue.message }) }));
  }
  return { candidate, stored, data, pointsAt: referencesOf(collection, row, data), investors };
}

function referenceRejections(state: ImportState, checked: Checked): Rejection[] {
  const { candidate } = checked;
  return checked.pointsAt.flatMap((ref): Rejection[] => {
    const column = columnOf(ref.path);
    const value = cellOf(candidate, column) ?? ref.id;
    const self = ref.collection === state.collection.id;
    if (self && column !== 'id' && ref.id === (checked.stored?.id ?? candidate.id)) return [{ line: candidate.line, column, value, ...reason('selfRef') }];
    if (rowExists(state, ref.collection, ref.id)) return [];
    const target = getCollection(ref.collection).singular.en.toLowerCase();
    return [{ line: candidate.line, column, value, ...reason(self ? 'noRowYet' : 'noRow', { target, id: ref.id }) }];
  });
}

const contextOf = (state: ImportState, previous: Snapshot | null): DeriveContext => ({ previous, fx: state.fx ?? noRates });

function investorWrite(state: ImportState, name: string, id: string): RowWrite {
  const companies = getCollection('companies');
  const row = { id, name, kind: 'investor', ...companies.derive?.({ id, name }, contextOf(state, null)), created_at: state.now, updated_at: state.now };
  return { collection: companies, action: 'create', id, participants: null, before: null, after: snapshotOf(companies, row, null) };
}

function insertWrite(state: ImportState, id: string, data: Record<string, unknown>): RowWrite {
  const { collection, now } = state;
  const participants = hasParticipants(collection) ? participantsAfter(null, data) : null;
  const derived = collection.derive?.(data, contextOf(state, null));
  const row = derived ? { ...data, ...derived } : data;
  row.id = id;
  row.created_at = now;
  row.updated_at = now;
  return { collection, action: 'create', id, participants, before: null, after: snapshotOf(collection, row, participants) };
}

function updateWrite(state: ImportState, stored: Snapshot, data: Record<string, unknown>, participants: Participants | null): RowWrite {
  const { collection, now } = state;
  const derived = collection.derive?.({ ...stored, ...data }, contextOf(state, stored)) ?? {};
  const set = { ...toDbValues(collection, { ...data, ...derived }), updated_at: now };
  const touched = PARTICIPANT_COLUMNS.some((c) => c in data) ? participants : null;
  const after = snapshotOf(collection, { ...stored, ...data, ...derived, updated_at: now }, participants);
  return { collection, action: 'update', id: stored.id, set, participants: touched, before: stored, after };
}

async function newRowId(state: ImportState, data: Record<string, unknown>): Promise<string> {
  const { collection } = state;
  if (collection.idPrefix) return randomId(collection.idPrefix);
  return freeId(state, collection, slugify(String(data[collection.titleColumn] ?? '')), (x) => state.seen.has(x));
}

/** Decide one checked row (in file order, so that rows earlier in the file count as existing). */
async function decide(state: ImportState, checked: Checked, outcome: BatchOutcome, investorWrites: RowWrite[]): Promise<void> {
  const { collection } = state;
  const { candidate, stored, data } = checked;
  const broken = referenceRejections(state, checked);
  if (broken.length) {
    outcome.rejected.push(broken);
    return;
  }
  for (const name of checked.investors) {
    if (state.investorsWritten.has(name)) continue;
    state.investorsWritten.add(name);
    if (!state.options.dryRun) investorWrites.push(investorWrite(state, name, state.investors.get(name) as string));
    outcome.investorsCreated++;
  }
  // A dry run counts what would happen and builds no writes.
  const writing = !state.options.dryRun;
  if (stored) {
    const participants = hasParticipants(collection) ? participantsAfter(stored, data) : null;
    if (isUnchanged(collection, stored, data, participants)) outcome.unchanged++;
    else {
      if (writing) outcome.writes.push(updateWrite(state, stored, data, participants));
      outcome.updated++;
    }
    state.seen.set(stored.id, candidate.line * 2 + 1);
    return;
  }
  const id = candidate.id ?? (await newRowId(state, data));
  state.seen.set(id, candidate.line * 2 + 1);
  if (writing) outcome.writes.push(insertWrite(state, id, data));
  outcome.inserted++;
}

const YIELD_EVERY = 200;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function classifyBatch(state: ImportState, candidates: Candidate[]): Promise<BatchOutcome> {
  const { collection, options } = state;
  if (collection.deriveUses?.includes('fx-rates') && !state.fx) state.fx = await fxLookupOf(state.exec);
  const stored = await storedSnapshots(state.exec, collection, candidates.flatMap((c) => (c.id ? [c.id] : [])));
  if (hasParticipants(collection)) await resolveTokens(state, candidates);
  const outcome: BatchOutcome = { writes: [], inserted: 0, updated: 0, unchanged: 0, rejected: [], investorsCreated: 0 };
  const results: (Checked | Rejection[])[] = [];
  for (const candidate of candidates) {
    // Other requests' work (an edit sent during the import) runs between every few hundred rows checked.
    if (results.length % YIELD_EVERY === YIELD_EVERY - 1) await yieldToOthers();
    const existing = candidate.id ? stored.get(candidate.id) : undefined;
    if (existing && options.mode === 'insert') results.push([{ line: candidate.line, column: 'id', value: candidate.id, ...reason('exists', { id: existing.id }) }]);
    else results.push(await check(state, candidate, existing));
  }
  const wanted = new Map<string, Set<string>>();
  for (const result of results) {
    if (Array.isArray(result)) continue;
    for (const ref of result.pointsAt) wanted.set(ref.collection, (wanted.get(ref.collection) ?? new Set()).add(ref.id));
  }
  await lookUpRows(state, wanted);
  const investorWrites: RowWrite[] = [];
  for (const [i, result] of results.entries()) {
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToOthers();
    if (Array.isArray(result)) outcome.rejected.push(result);
    else await decide(state, result, outcome, investorWrites);
  }
  outcome.writes.unshift(...investorWrites);
  return outcome;
}
