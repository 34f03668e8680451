import { randomUUID } from 'node:crypto';
import type { Collection } from '../lib/collections/types';
import { metricFires, verdictOf, type Verdict } from '../lib/alerts/rule';
import { indicatorSummary, MAX_LISTED_IDS, metricSummary, rowsSummary, rowsUrl, type NotificationPayload, type RowCounts } from '../lib/alerts/summaries';
import type { Executor } from './changes';
import type { DialectName } from './dialect';
import { CONCENTRATION_INPUTS, indicatorNow, loadWatchers, matchingRows, metricNow, type IndicatorNow, type MetricWatch, type Source, type TableWatch, type Watchers } from './watchers';

// The outbox (issue 18, docs/decisions/034-outbox-of-follows-and-alerts.md): every committed change tells the
// follows and alert rules it touches, in the transaction of the change. A write opens an Outbox before it changes
// anything (one query: the follows and active rules; null when there are none), notes which watched rows match
// before, and closes it after: one notification per follow or rule, however many rows the change wrote, and a
// pending delivery per webhook or email channel of a rule that fired. The sender (another module) sends those.

/** A change of rows: named (single-row writes), or every row stamped with one write's clock (an import). */
export type RowSet = { ids: readonly string[] } | { clock: string };

interface Finding {
  source: Source;
  kind: string;
  summary: { en: string; zh: string };
  url: string | null;
  payload: NotificationPayload;
}

export class Outbox {
  /** Per table watch: the rows of the change that matched its view before the change. */
  private readonly before = new Map<TableWatch, Set<string>>();
  /** Per followed hypothesis: its verdict before the change. */
  private readonly verdictsBefore = new Map<string, IndicatorNow | null>();

  private constructor(
    private readonly trx: Executor,
    private readonly dialect: DialectName,
    private readonly collections: readonly Collection[],
    private readonly watchers: Watchers,
  ) {}

  /** Open before a write of rows of `collections`; null when no follow or rule could care (the common case). */
  static async open(trx: Executor, dialect: DialectName, collections: readonly Collection[]): Promise<Outbox | null> {
    if (collections.every((c) => c.id === 'boards')) return null;
    const watchers = await loadWatchers(trx);
    if (!watchers) return null;
    const outbox = new Outbox(trx, dialect, collections, watchers);
    await outbox.readVerdictsBefore();
    return outbox;
  }

  private get tables(): TableWatch[] {
    return this.watchers.tables.filter((w) => this.collections.includes(w.collection));
  }

  private readsConcentration(): boolean {
    return this.collections.some((c) => CONCENTRATION_INPUTS.includes(c.id) || c.id === 'hypotheses');
  }

  private async readVerdictsBefore(): Promise<void> {
    if (!this.readsConcentration()) return;
    for (const watch of this.watchers.indicators) {
      if (watch.source.type === 'follow' && !this.verdictsBefore.has(watch.hypothesisId)) this.verdictsBefore.set(watch.hypothesisId, await indicatorNow(this.trx, this.dialect, watch.hypothesisId));
    }
  }

  /** Before the write: which of these rows each watched view holds now. */
  async noteBefore(rows: RowSet): Promise<void> {
    for (const watch of this.tables) {
      const found = await matchingRows(this.trx, this.dialect, watch, rows, 'ids' in rows ? rows.ids.length : MAX_LISTED_IDS + 1);
      this.before.set(watch, new Set(found.ids));
      this.beforeCounts.set(watch, found);
    }
  }

  private readonly beforeCounts = new Map<TableWatch, { count: number; created: number; ids: string[] }>();

  /**
   * After the write, still in its transaction: tell every follow and rule the change concerns. `rows` are the
   * rows written (for an import, its clock); `undo` marks an import undone, whose rows were noted before.
   */
  async close(rows: RowSet, options: { undo?: boolean } = {}): Promise<void> {
    const at = new Date().toISOString();
    const findings: Finding[] = [];
    const byTable = new Map<Source, { watch: TableWatch; counts: RowCounts; ids: string[]; total: number }[]>();
    for (const watch of this.tables) {
      const result = options.undo ? this.undoneRows(watch) : await this.rowChanges(watch, rows);
      if (!result) continue;
      const list = byTable.get(watch.source) ?? [];
      byTable.set(watch.source, list);
      list.push({ watch, ...result });
    }
    for (const [source, results] of byTable) {
      const counts = results.reduce((sum, r) => ({ added: sum.added + r.counts.added, changed: sum.changed + r.counts.changed, removed: sum.removed + r.counts.removed }), { added: 0, changed: 0, removed: 0 });
      // A rule tells of rows that newly match its view; a follow of every row that entered, changed in or left it.
      const told = source.type === 'alert' ? { added: counts.added, changed: 0, removed: 0 } : counts;
      if (told.added + told.changed + told.removed === 0) continue;
      const main = results.find((r) => (source.type === 'alert' ? r.counts.added : r.counts.added + r.counts.changed) > 0) ?? results[0];
      const stamped = 'clock' in rows ? rows.clock : null;
      const linked = main.counts.added + main.counts.changed;
      const url = linked > 0 && !options.undo ? rowsUrl(main.watch.pathname, main.watch.params, main.ids, main.total, stamped) : rowsUrl(main.watch.pathname, main.watch.params, [], 0, null);
      const ids = results.flatMap((r) => r.ids).slice(0, MAX_LISTED_IDS);
      const count = told.added + told.changed + told.removed;
      findings.push({
        source,
        kind: source.type === 'alert' ? 'new-rows' : 'rows',
        summary: rowsSummary(main.watch.collection.id, told, source.title, options.undo),
        url,
        payload: { rows: { count, ...(ids.length ? { ids } : {}), added: told.added, changed: told.changed, removed: told.removed } },
      });
    }
    if (this.readsConcentration()) {
      findings.push(...(await this.indicatorFindings(rows)));
      findings.push(...(await this.metricFindings()));
    }
    for (const finding of findings) await this.write(finding, at);
  }

  /** Rows of the change that entered, stayed in (changed) or left a watched view. */
  private async rowChanges(watch: TableWatch, rows: RowSet): Promise<{ counts: RowCounts; ids: string[]; total: number } | null> {
    const after = await matchingRows(this.trx, this.dialect, watch, rows, 'ids' in rows ? rows.ids.length : MAX_LISTED_IDS + 1);
    if ('clock' in rows) {
      // An import: its rows carry its clock; created ones are new, the others changed (their state before the
      // import is not read again: decision 034).
      if (after.count === 0) return null;
      return { counts: { added: after.created, changed: after.count - after.created, removed: 0 }, ids: after.ids, total: after.count };
    }
    const before = this.before.get(watch) ?? new Set<string>();
    const now = new Set(after.ids);
    const added = after.ids.filter((id) => !before.has(id));
    const changed = after.ids.filter((id) => before.has(id));
    const removed = [...before].filter((id) => !now.has(id));
    if (added.length + changed.length + removed.length === 0) return null;
    return { counts: { added: added.length, changed: changed.length, removed: removed.length }, ids: [...added, ...changed], total: added.length + changed.length };
  }

  /** An import undone: the rows it had written that the view held, now removed (created) or set back (updated). */
  private undoneRows(watch: TableWatch): { counts: RowCounts; ids: string[]; total: number } | null {
    const before = this.beforeCounts.get(watch);
    if (!before || before.count === 0) return null;
    return { counts: { added: 0, changed: before.count - before.created, removed: before.created }, ids: [], total: 0 };
  }

  private async indicatorFindings(rows: RowSet): Promise<Finding[]> {
    const findings: Finding[] = [];
    const hypothesisWrite = this.collections.some((c) => c.id === 'hypotheses');
    const onlyHypotheses = !this.collections.some((c) => CONCENTRATION_INPUTS.includes(c.id));
    const now = new Map<string, IndicatorNow | null>();
    for (const watch of this.watchers.indicators) {
      // A write of hypotheses alone moves only the indicators of the hypotheses it wrote.
      if (onlyHypotheses && hypothesisWrite && 'ids' in rows && !rows.ids.includes(watch.hypothesisId)) continue;
      if (!now.has(watch.hypothesisId)) now.set(watch.hypothesisId, await indicatorNow(this.trx, this.dialect, watch.hypothesisId));
      const current = now.get(watch.hypothesisId);
      if (!current) continue;
      const from = watch.source.type === 'follow' ? (this.verdictsBefore.get(watch.hypothesisId)?.verdict ?? null) : lastVerdict(watch.source.lastState);
      if (watch.source.type === 'alert') await this.keepState(watch.source, { verdict: current.verdict, value: current.reading.value });
      if (from === current.verdict || (from === null && watch.source.type === 'alert')) continue;
      findings.push({
        source: watch.source,
        kind: 'indicator',
        summary: indicatorSummary(current.code, from, current.verdict, current.reading),
        url: `/hypotheses/${encodeURIComponent(watch.hypothesisId)}`,
        payload: { indicator: { id: watch.hypothesisId, from, to: current.verdict, value: current.reading.value } },
      });
    }
    return findings;
  }

  private async metricFindings(): Promise<Finding[]> {
    if (!this.collections.some((c) => CONCENTRATION_INPUTS.includes(c.id))) return [];
    const findings: Finding[] = [];
    for (const watch of this.watchers.metrics) {
      const value = await metricNow(this.trx, this.dialect, watch);
      const before = lastValue(watch.source.lastState);
      const fires = before !== undefined && metricFires(watch.direction as 'above', watch.threshold, before, value);
      // `change` measures from the value it last told of; the others from the last value seen.
      if (watch.direction !== 'change' || fires || before === undefined) await this.keepState(watch.source, { value });
      if (!fires) continue;
      findings.push({
        source: watch.source,
        kind: 'metric',
        summary: metricSummary(watch.source.title, watch.metric, watch.direction, watch.threshold, before ?? null, value),
        url: watch.path,
        payload: { metric: { name: watch.metric, value, threshold: watch.threshold, direction: watch.direction } },
      });
    }
    return findings;
  }

  private async keepState(source: Source, state: object): Promise<void> {
    await this.trx.updateTable('alerts' as never).set({ last_state: JSON.stringify(state) } as never).where('id' as never, '=', source.id as never).execute();
  }

  private async write(finding: Finding, at: string): Promise<void> {
    const { source } = finding;
    const quiet = source.type === 'alert' && source.channels?.inbox === false;
    const inserted = await this.trx
      .insertInto('notifications')
      .values({
        owner: source.owner,
        follow_id: source.type === 'follow' ? source.id : null,
        alert_id: source.type === 'alert' ? source.id : null,
        kind: finding.kind,
        at,
        summary: finding.summary.en,
        summary_zh: finding.summary.zh,
        url: finding.url,
        payload: JSON.stringify(finding.payload),
        // A rule without the inbox channel keeps its events (its deliveries' source) out of the unseen count.
        seen_at: quiet ? at : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (source.type !== 'alert' || !source.channels) return;
    const channels = [...(source.channels.webhook ? (['webhook'] as const) : []), ...(source.channels.email ? (['email'] as const) : [])];
    for (const channel of channels) {
      await this.trx
        .insertInto('deliveries')
        .values({ id: randomUUID(), notification_id: Number(inserted.id), alert_id: source.id, channel, state: 'pending', attempts: 0, next_attempt_at: at, claimed_until: null, last_status: null, last_error: null, created_at: at, sent_at: null })
        .execute();
    }
  }
}

function lastVerdict(raw: string | null): Verdict | null {
  if (!raw) return null;
  const state = JSON.parse(raw) as { verdict?: Verdict };
  return state.verdict ?? null;
}

/** A metric rule's last value: undefined before its first reading (no baseline yet: nothing fires). */
function lastValue(raw: string | null): number | null | undefined {
  if (!raw) return undefined;
  const state = JSON.parse(raw) as { value?: number | null };
  return state.value === undefined ? undefined : state.value;
}

/**
 * A rule just created or edited starts from what it watches now, so that it fires on the next crossing and not
 * on its own creation.
 */
export async function baselineRule(trx: Executor, dialect: DialectName, id: string): Promise<void> {
  const watchers = await loadWatchers(trx);
  const indicator = watchers?.indicators.find((w) => w.source.type === 'alert' && w.source.id === id);
  const metric: MetricWatch | undefined = watchers?.metrics.find((w) => w.source.id === id);
  let state: object | null = null;
  if (indicator) {
    const now = await indicatorNow(trx, dialect, indicator.hypothesisId);
    state = { verdict: now?.verdict ?? verdictOf(null), value: now?.reading.value ?? null };
  } else if (metric) state = { value: await metricNow(trx, dialect, metric) };
  await trx.updateTable('alerts' as never).set({ last_state: state === null ? null : JSON.stringify(state) } as never).where('id' as never, '=', id as never).execute();
}
