import { getCollection, storedColumns } from '../lib/collections';
import { rowSchemas } from '../lib/collections/schemas';
import type { Collection } from '../lib/collections/types';
import { hasParticipants, isUnchanged, participantsAfter, type Participants } from '../lib/csv/compare';
import type { FingerprintMap } from '../lib/csv/fingerprints';
import type { ImportOptions, Rejection } from '../lib/csv/import-types';
import { validateCandidate, type Candidate } from '../lib/csv/rows';
import type { Executor } from './changes';
import { companiesMatching, existingIds, storedSnapshots, type CompanyMatches } from './import-lookup';
import { insertValues, type RowWrite } from './import-writer';
import { randomId, slugify } from './ids';
import { toDbValues, type Snapshot } from './repository';

// Classify one batch of candidate rows against the database: insert, update, unchanged or rejected, and the
// writes that carry it out. Look-ups are batched; decisions are made row by row in file order.

export interface ImportState {
  exec: Executor;
  collection: Collection;
  options: ImportOptions;
  /** Ids seen in the file so far → line × 2, plus 1 once the row was accepted. */
  seen: FingerprintMap;
  /** Investor names created by this import → the new company id. */
  investors: Map<string, string>;
  /** Names in `investors` whose company is already among the writes. */
  investorsWritten: Set<string>;
  now: string;
}

export interface BatchOutcome {
  writes: RowWrite[];
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[][];
  investorsCreated: number;
}

interface Lookups {
  stored: Map<string, Snapshot>;
  companies: CompanyMatches | null;
  refs: Map<string, Set<string>>;
}

const PARTICIPANT_COLUMNS = ['lead_investors', 'investors'] as const;

function snapshotOf(collection: Collection, row: Record<string, unknown>, participants: Participants | null): Snapshot {
  const snapshot: Record<string, unknown> = {};
  for (const column of storedColumns(collection)) snapshot[column.id] = row[column.id] ?? null;
  if (participants) Object.assign(snapshot, participants);
  return snapshot as Snapshot;
}

async function lookups(state: ImportState, candidates: Candidate[]): Promise<Lookups> {
  const { exec, collection } = state;
  const stored = await storedSnapshots(exec, collection, candidates.flatMap((c) => (c.id ? [c.id] : [])));
  let companies: CompanyMatches | null = null;
  if (hasParticipants(collection)) {
    const tokens = candidates.flatMap((c) => PARTICIPANT_COLUMNS.flatMap((col) => (Array.isArray(c.data[col]) ? (c.data[col] as string[]) : [])));
    companies = await companiesMatching(exec, tokens.filter((t) => !state.investors.has(t)));
  }
  const refs = new Map<string, Set<string>>();
  for (const column of collection.columns.filter((c) => c.type === 'ref')) {
    const values = candidates.flatMap((c) => (typeof c.data[column.id] === 'string' ? [c.data[column.id] as string] : []));
    refs.set(column.id, values.length ? await existingIds(exec, getCollection(column.ref ?? ''), values) : new Set());
  }
  return { stored, companies, refs };
}

async function freeId(state: ImportState, collection: Collection, base: string, taken: (id: string) => boolean): Promise<string> {
  if (!base) return randomId(collection.idPrefix ?? 'row');
  for (let n = 1; n < 1000; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (taken(id)) continue;
    if ((await existingIds(state.exec, collection, [id])).size === 0) return id;
  }
  return randomId(base);
}

/** Investor tokens → company ids (by id, then exact name, then created); rejections for the rest. */
async function resolveInvestors(state: ImportState, found: CompanyMatches, candidate: Candidate, rejections: Rejection[]): Promise<string[]> {
  const wanted: string[] = [];
  for (const column of PARTICIPANT_COLUMNS) {
    const tokens = candidate.data[column];
    if (!Array.isArray(tokens)) continue;
    const ids: string[] = [];
    for (const token of tokens as string[]) {
      const byName = found.names.get(token) ?? [];
      const reject = (message: string) => rejections.push({ line: candidate.line, column, value: candidate.cells[column] ?? null, message });
      if (found.ids.has(token)) ids.push(token);
      else if (byName.length === 1) ids.push(byName[0]);
      else if (byName.length > 1) reject(`"${token}" is the name of several companies (${byName.join(', ')}): use the id`);
      else if (state.investors.has(token)) ids.push(state.investors.get(token) as string);
      else if (!state.options.createMissing) reject(`no company with id or name "${token}"`);
      else if (!rowSchemas(getCollection('companies')).create.safeParse({ name: token, kind: 'investor' }).success) reject(`"${token}" cannot be used as a company name`);
      else {
        const reserved = new Set(state.investors.values());
        const id = await freeId(state, getCollection('companies'), slugify(token), (x) => reserved.has(x));
        state.investors.set(token, id);
        ids.push(id);
      }
      if (state.investors.has(token) && !found.ids.has(token) && byName.length === 0) wanted.push(token);
    }
    candidate.data[column] = ids;
  }
  return wanted;
}

function refRejections(state: ImportState, found: Lookups, candidate: Candidate, data: Record<string, unknown>, id: string | null): Rejection[] {
  const out: Rejection[] = [];
  for (const column of state.collection.columns.filter((c) => c.type === 'ref')) {
    const value = data[column.id];
    if (typeof value !== 'string') continue;
    const self = column.ref === state.collection.id;
    if (self && value === id) {
      out.push({ line: candidate.line, column: column.id, value, message: `must differ from the row's own id` });
      continue;
    }
    const accepted = self && ((state.seen.get(value) ?? 0) & 1) === 1;
    if (found.refs.get(column.id)?.has(value) || accepted) continue;
    const target = getCollection(column.ref ?? '');
    const hint = self ? ' (a row the file defines must come before the rows that point at it)' : '';
    out.push({ line: candidate.line, column: column.id, value, message: `no ${target.singular.en.toLowerCase()} with id "${value}"${hint}` });
  }
  return out;
}

function investorWrite(state: ImportState, name: string, id: string): RowWrite {
  const companies = getCollection('companies');
  const row = { id, name, kind: 'investor', ...companies.derive?.({ id, name }), created_at: state.now, updated_at: state.now };
  return { collection: companies, action: 'create', id, values: insertValues(companies, row), participants: null, before: null, after: snapshotOf(companies, row, null) };
}

function insertWrite(state: ImportState, id: string, data: Record<string, unknown>): RowWrite {
  const { collection, now } = state;
  const participants = hasParticipants(collection) ? participantsAfter(null, data) : null;
  const row: Snapshot = { ...data, ...collection.derive?.(data), id, created_at: now, updated_at: now };
  return { collection, action: 'create', id, values: insertValues(collection, row), participants, before: null, after: snapshotOf(collection, row, participants) };
}

function updateWrite(state: ImportState, stored: Snapshot, data: Record<string, unknown>, participants: Participants | null): RowWrite {
  const { collection, now } = state;
  const derived = collection.derive?.({ ...stored, ...data }) ?? {};
  const values = { ...toDbValues(collection, { ...data, ...derived }), updated_at: now };
  const touched = PARTICIPANT_COLUMNS.some((c) => c in data) ? participants : null;
  const after = snapshotOf(collection, { ...stored, ...data, ...derived, updated_at: now }, participants);
  return { collection, action: 'update', id: stored.id, values, participants: touched, before: stored, after };
}

export async function classifyBatch(state: ImportState, candidates: Candidate[]): Promise<BatchOutcome> {
  const { collection, options } = state;
  const found = await lookups(state, candidates);
  const outcome: BatchOutcome = { writes: [], inserted: 0, updated: 0, unchanged: 0, rejected: [], investorsCreated: 0 };
  const investorWrites: RowWrite[] = [];
  for (const candidate of candidates) {
    const rejections: Rejection[] = [];
    const wanted = found.companies ? await resolveInvestors(state, found.companies, candidate, rejections) : [];
    const stored = candidate.id ? found.stored.get(candidate.id) : undefined;
    if (stored && options.mode === 'insert') {
      outcome.rejected.push([{ line: candidate.line, column: 'id', value: candidate.id, message: `a row with id "${candidate.id}" already exists (mode=insert)` }]);
      continue;
    }
    const validated = validateCandidate(collection, candidate, stored ? 'update' : 'create');
    if (!validated.ok) rejections.push(...validated.rejections);
    else rejections.push(...refRejections(state, found, candidate, validated.data, candidate.id));
    if (rejections.length || !validated.ok) {
      outcome.rejected.push(rejections);
      continue;
    }
    const { id: _id, ...data } = validated.data;
    for (const name of wanted.filter((n) => !state.investorsWritten.has(n))) {
      state.investorsWritten.add(name);
      investorWrites.push(investorWrite(state, name, state.investors.get(name) as string));
      outcome.investorsCreated++;
    }
    if (stored) {
      const participants = hasParticipants(collection) ? participantsAfter(stored, data) : null;
      if (isUnchanged(collection, stored, data, participants)) outcome.unchanged++;
      else {
        outcome.writes.push(updateWrite(state, stored, data, participants));
        outcome.updated++;
      }
      state.seen.set(stored.id, candidate.line * 2 + 1);
      continue;
    }
    const title = collection.idPrefix ? '' : slugify(String(data[collection.titleColumn] ?? ''));
    const id = candidate.id ?? (collection.idPrefix ? randomId(collection.idPrefix) : await freeId(state, collection, title, (x) => state.seen.has(x)));
    state.seen.set(id, candidate.line * 2 + 1);
    outcome.writes.push(insertWrite(state, id, data));
    outcome.inserted++;
  }
  outcome.writes.unshift(...investorWrites);
  return outcome;
}
