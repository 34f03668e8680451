// The app's own statements replayed raw: open the app's data layer with Kysely's query log on, record what one
// call of the app runs, and prepare the same SQL with the same bound values on a read-only better-sqlite3 handle.
import BetterSqlite3 from 'better-sqlite3';
import { openAtlas, type Atlas } from '../db/connection';

type Statement = { sql: string; parameters: readonly unknown[] };

export interface Replayer {
  atlas: Atlas;
  /** Runs `app` once and returns its result with the raw twin of every statement it ran (each returns its rows). */
  record<T>(app: () => Promise<T>): Promise<{ result: T; raw: (() => unknown[])[] }>;
  close(): Promise<void>;
}

export function openReplayer(file: string): Replayer {
  let captured: Statement[] = [];
  const atlas = openAtlas(file, {
    log: (event) => {
      if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const raw = new BetterSqlite3(file, { readonly: true });
  return {
    atlas,
    async record(app) {
      captured = [];
      const result = await app();
      const raws = captured.map(({ sql, parameters }) => {
        const stmt = raw.prepare(sql);
        return () => stmt.all(...parameters);
      });
      return { result, raw: raws };
    },
    async close() {
      raw.close();
      await atlas.db.destroy();
    },
  };
}
