import BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect, SqliteDriver, type CompiledQuery, type DatabaseConnection, type Driver, type QueryCompiler, type QueryResult, type TransactionSettings } from 'kysely';

// SQLite with two lanes to one database file (docs/decisions/031-import-jobs.md). Kysely's SQLite driver has one
// connection behind a mutex, so while an import holds its transaction every other query of the process waits,
// reads included: the app would not answer at all, not even "how far is the import?". Here a read that runs on its
// own (a SELECT outside a transaction) goes to a second, read-only connection, which in WAL mode reads the last
// committed state without waiting for the writer; every write, every transaction and everything else keeps the one
// writer connection and its mutex, so writers still wait their turn (asynchronously, never SQLITE_BUSY).

const MAYBE_READ = /^\s*(select|with)\b/i;

/** One acquired "connection": reads go to the reader until the lane needs the writer, which it then keeps. */
class Lane implements DatabaseConnection {
  private held: DatabaseConnection | null = null;

  constructor(private readonly lanes: LanesDriver) {}

  async writer(): Promise<DatabaseConnection> {
    if (!this.held) this.held = await this.lanes.writer.acquireConnection();
    return this.held;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.held) {
      const rows = this.lanes.read<R>(query);
      if (rows) return { rows };
    }
    return (await this.writer()).executeQuery<R>(query);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    // An open iterator keeps a better-sqlite3 connection busy: streams stay on the writer and its mutex.
    yield* (await this.writer()).streamQuery<R>(query, chunkSize);
  }

  async release(): Promise<void> {
    const held = this.held;
    this.held = null;
    if (held) await this.lanes.writer.releaseConnection();
  }
}

class LanesDriver implements Driver {
  readonly writer: SqliteDriver;
  private reader: BetterSqlite3.Database | null = null;

  constructor(
    writer: BetterSqlite3.Database,
    private readonly openReader: () => BetterSqlite3.Database,
  ) {
    this.writer = new SqliteDriver({ database: writer });
  }

  async init(): Promise<void> {
    await this.writer.init();
  }

  /** The rows of a statement that only reads, run on the reader; null when the statement may write. */
  read<R>(query: CompiledQuery): R[] | null {
    if (!MAYBE_READ.test(query.sql)) return null;
    this.reader ??= this.openReader();
    const statement = this.reader.prepare(query.sql);
    if (!statement.readonly || !statement.reader) return null;
    return statement.all(...(query.parameters as unknown[])) as R[];
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Lane(this);
  }

  async beginTransaction(lane: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await this.writer.beginTransaction(await (lane as Lane).writer());
  }

  async commitTransaction(lane: DatabaseConnection): Promise<void> {
    await this.writer.commitTransaction(await (lane as Lane).writer());
  }

  async rollbackTransaction(lane: DatabaseConnection): Promise<void> {
    await this.writer.rollbackTransaction(await (lane as Lane).writer());
  }

  async savepoint(lane: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.writer.savepoint(await (lane as Lane).writer(), name, compile);
  }

  async rollbackToSavepoint(lane: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.writer.rollbackToSavepoint(await (lane as Lane).writer(), name, compile);
  }

  async releaseSavepoint(lane: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.writer.releaseSavepoint(await (lane as Lane).writer(), name, compile);
  }

  async releaseConnection(lane: DatabaseConnection): Promise<void> {
    await (lane as Lane).release();
  }

  async destroy(): Promise<void> {
    this.reader?.close();
    this.reader = null;
    await this.writer.destroy();
  }
}

/** The dialect of a SQLite file: `writer` is the app's connection; the reader is opened on first use. */
export class SqliteLanesDialect extends SqliteDialect {
  constructor(
    private readonly writerDb: BetterSqlite3.Database,
    private readonly openReader: () => BetterSqlite3.Database,
  ) {
    super({ database: writerDb });
  }

  createDriver(): Driver {
    return new LanesDriver(this.writerDb, this.openReader);
  }
}
