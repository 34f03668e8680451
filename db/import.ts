import { randomBytes } from 'node:crypto';
import { getCollection } from '../lib/collections';
import type { Collection } from '../lib/collections/types';
import { detectDialect } from '../lib/csv/detect';
import { FingerprintMap } from '../lib/csv/fingerprints';
import { MAX_LISTED_REJECTIONS, type ImportOptions, type ImportResult, type Rejection } from '../lib/csv/import-types';
import { planHeader, type HeaderPlan } from '../lib/csv/mapping';
import { CsvReader, RecordTooLong, isBlank, type CsvRecord } from '../lib/csv/reader';
import { reason } from '../lib/csv/reasons';
import { cellOf, toCandidate, type Candidate } from '../lib/csv/rows';
import { badRequest } from '../lib/errors';
import type { Executor } from './changes';
import type { Atlas } from './connection';
import type { DialectName } from './dialect';
import { classifyBatch, newImportState, type ImportState } from './import-batch';
import { ImportWriter, type RowWrite } from './import-writer';
import { reconvertRounds } from './fx';
import { recordBatch } from './imports';
import { Outbox } from './outbox';
import { COMPACT_AFTER_ROWS, compactSearchIndexes } from './search';
import type { WriteContext } from './repository';

// A CSV import from a stream of text: records are read, validated and written batch by batch, so that
// neither the file nor its rows are ever held whole. A commit is one transaction; a dry run writes nothing.

/**
 * Rows classified and written together. Small on SQLite (look-ups are in-process, and a smaller batch dies
 * young in the garbage collector); larger on PostgreSQL, where each batch costs round trips.
 */
const BATCH_ROWS: Record<DialectName, number> = { sqlite: 250, postgres: 1000 };
const SAMPLE_CHARS = 16 * 1024;

class Rollback extends Error {
  constructor(readonly result: ImportResult) {
    super('import rolled back');
  }
}

function headerProblem(plan: HeaderPlan, collection: Collection): string | null {
  if (plan.badTargets.length) return `map names a column that ${collection.id} does not have: ${plan.badTargets.map((b) => `"${b.column}"`).join(', ')}`;
  if (plan.unknown.length) {
    const names = plan.unknown.map((h) => `"${h}"`).join(', ');
    return `unknown column${plan.unknown.length > 1 ? 's' : ''} ${names} in the header: ${collection.id} has no such column (map it with map= or remove it)`;
  }
  if (plan.conflicts.length) return plan.conflicts.map((c) => `the headers ${c.headers.map((h) => `"${h}"`).join(' and ')} both fill ${c.column}`).join('; ');
  if (plan.targets.every((t) => t === null)) return `no column of the file is a column of ${collection.id}`;
  return null;
}

class ImportRun {
  private reader: CsvReader | null = null;
  private headers: string[] | null = null;
  private plan: HeaderPlan | null = null;
  private pending: Candidate[] = [];
  private readonly state: ImportState;
  readonly result: ImportResult;

  constructor(
    exec: Executor,
    collection: Collection,
    options: ImportOptions,
    private readonly batchRows: number,
    private readonly write: ((state: ImportState, writes: RowWrite[]) => Promise<void>) | null,
  ) {
    this.state = newImportState(exec, collection, options, new FingerprintMap());
    this.result = {
      batchId: null, inserted: 0, updated: 0, unchanged: 0, rejected: [], rejectedRows: 0, rejectedTruncated: false,
      rows: 0, dryRun: options.dryRun, encoding: '', delimiter: ',', lineEnding: '\n', investorsCreated: 0,
    };
  }

  /** Writing stops for good once a row is rejected under onError=abort. */
  private get writing(): boolean {
    return this.write !== null && !(this.state.options.onError === 'abort' && this.result.rejectedRows > 0);
  }

  async consume(source: AsyncIterable<string> | Iterable<string>): Promise<ImportResult> {
    let sample = '';
    try {
      for await (const text of source) {
        if (this.reader) await this.feed(this.reader.push(text));
        else if ((sample += text).length >= SAMPLE_CHARS) {
          await this.feed(this.start(sample).push(sample));
          sample = '';
        }
      }
      if (!this.reader && sample) await this.feed(this.start(sample).push(sample));
      if (this.reader) await this.feed(this.reader.end());
    } catch (error) {
      if (!(error instanceof RecordTooLong)) throw error;
      this.reject([{ line: error.line, column: null, value: null, ...reason('recordTooLong', { limit: error.limit }) }]);
    }
    if (!this.headers) throw badRequest('the file is empty: there is no header line');
    await this.flush();
    return this.result;
  }

  private start(sample: string): CsvReader {
    const detected = detectDialect(sample);
    const delimiter = this.state.options.delimiter ?? detected.delimiter;
    this.result.delimiter = delimiter;
    this.result.lineEnding = detected.newline;
    this.reader = new CsvReader(delimiter, detected.newline);
    return this.reader;
  }

  private async feed(records: CsvRecord[]): Promise<void> {
    for (const record of records) {
      if (isBlank(record)) continue;
      if (!this.headers) this.setHeader(record);
      else await this.accept(record);
    }
  }

  private setHeader(record: CsvRecord): void {
    const { collection, options } = this.state;
    if (record.problem) throw badRequest(`the header line cannot be read: ${reason(record.problem).message}`);
    this.headers = record.cells;
    this.plan = planHeader(collection, record.cells, options.map);
    const problem = headerProblem(this.plan, collection);
    if (problem) throw badRequest(problem, this.plan.badTargets.length ? 'map' : undefined);
  }

  private async accept(record: CsvRecord): Promise<void> {
    this.result.rows++;
    const converted = toCandidate(this.plan as HeaderPlan, this.headers as string[], record);
    if (!converted.ok) return this.reject(converted.rejections);
    const { candidate } = converted;
    if (candidate.id !== null) {
      const first = this.state.seen.get(candidate.id);
      if (first !== undefined) {
        const why = reason('duplicate', { id: candidate.id, first: first >>> 1 });
        return this.reject([{ line: candidate.line, column: 'id', value: cellOf(candidate, 'id') ?? candidate.id, ...why }]);
      }
      this.state.seen.set(candidate.id, candidate.line * 2);
    }
    this.pending.push(candidate);
    if (this.pending.length >= this.batchRows) await this.flush();
  }

  private reject(rejections: Rejection[]): void {
    this.result.rejectedRows++;
    const room = MAX_LISTED_REJECTIONS - this.result.rejected.length;
    if (rejections.length > room) this.result.rejectedTruncated = true;
    this.result.rejected.push(...rejections.slice(0, Math.max(0, room)));
  }

  private async flush(): Promise<void> {
    this.state.options.signal?.throwIfAborted();
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const outcome = await classifyBatch(this.state, batch);
    for (const rejections of outcome.rejected) this.reject(rejections);
    this.result.inserted += outcome.inserted;
    this.result.updated += outcome.updated;
    this.result.unchanged += outcome.unchanged;
    this.result.investorsCreated += outcome.investorsCreated;
    if (this.writing && this.write) await this.write(this.state, outcome.writes);
    this.state.options.onProgress?.(this.result);
  }
}

export const newBatchId = () => `imp-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(5).toString('hex')}`;

/**
 * Import a CSV text stream into a collection. Resolves to the summary; a commit that rejected rows under
 * onError=abort resolves with batchId null and nothing written (the transaction is rolled back).
 */
export async function runImport(atlas: Atlas, collection: Collection, source: AsyncIterable<string> | Iterable<string>, options: ImportOptions, ctx: WriteContext): Promise<ImportResult> {
  if (options.dryRun) return new ImportRun(atlas.db, collection, options, BATCH_ROWS[atlas.dialect], null).consume(source);
  const batchId = options.batchId ?? newBatchId();
  try {
    return await atlas.db.transaction().execute(async (trx) => {
      const written = collection.id === 'investments' ? [collection, getCollection('companies')] : [collection];
      const outbox = await Outbox.open(trx, atlas.dialect, written);
      const writer = new ImportWriter(trx, atlas.dialect, { actor: ctx.actor, batchId });
      await writer.begin();
      const write = (state: ImportState, writes: RowWrite[]) => writer.write(writes, state.now);
      const run = new ImportRun(trx, collection, options, BATCH_ROWS[atlas.dialect], write);
      const result = await run.consume(source);
      if (options.onError === 'abort' && result.rejectedRows > 0) throw new Rollback(result);
      await writer.finish();
      if (result.inserted + result.updated + result.investorsCreated === 0) return result;
      if (collection.id === 'fx-rates') await reconvertRounds(trx, 'all');
      await recordBatch(trx, { id: batchId, collection: collection.id, actor: ctx.actor, filename: options.filename, mode: options.mode, result, rowsAt: writer.rowsAt });
      if (outbox && writer.writtenAt) await outbox.close({ clock: writer.writtenAt });
      const compacted = result.investorsCreated ? [collection, getCollection('companies')] : [collection];
      if (result.inserted + result.updated + result.investorsCreated >= COMPACT_AFTER_ROWS) await compactSearchIndexes(trx, atlas.dialect, compacted);
      return { ...result, batchId };
    });
  } catch (error) {
    if (error instanceof Rollback) return { ...error.result, batchId: null, inserted: 0, updated: 0, unchanged: 0, investorsCreated: 0 };
    throw error;
  }
}
