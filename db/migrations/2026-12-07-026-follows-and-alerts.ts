import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Issue 18: follows, alert rules, what is new, and an outbox of
// deliveries. `owner` is the change log's actor ("local" in local mode, the user's email in team mode), as on
// boards. Notifications and deliveries are written in the transaction of the change that causes them; a worker
// sends deliveries later (at least once, under a stable id).

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const real = isPg ? 'double precision' : 'real';
  const serial = isPg ? 'bigserial' : 'integer';
  const serialKey = (c: any) => (isPg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('follows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('company', 'investor', 'view', 'hypothesis', 'board')`))
    // A company, hypothesis or board id, or a table view's path with its query.
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('follows_owner_target_key', ['owner', 'kind', 'target'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('new-rows', 'indicator', 'metric')`))
    .addColumn('path', 'text')
    .addColumn('hypothesis_id', 'text')
    .addColumn('metric', 'text')
    .addColumn('threshold', real)
    .addColumn('direction', 'text', (c) => c.check(sql`direction is null or direction in ('above', 'below', 'change')`))
    // JSON { inbox, webhook: { url } | null, email } — the webhook's secret is kept apart and never answered.
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('webhook_secret', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failing', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON of the last seen verdict or measure, so that a crossing fires once.
    .addColumn('last_state', 'text')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo('local'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alerts_owner_idx').on('alerts').columns(['owner', 'active']).execute();
  await db.schema.createIndex('alerts_updated_idx').on('alerts').columns(['updated_at', 'id']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', serial, serialKey)
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('follow_id', 'text')
    .addColumn('alert_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('summary_zh', 'text')
    // A view URL filtered to exactly the rows concerned.
    .addColumn('url', 'text')
    .addColumn('payload', 'text')
    .addColumn('seen_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_owner_idx').on('notifications').columns(['owner', 'id']).execute();
  await db.schema.createIndex('notifications_unseen_idx').on('notifications').columns(['owner', 'seen_at']).execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notification_id', isPg ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('alert_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('webhook', 'email')`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    // A sender claims a row until this time; a sender killed mid-send leaves it to be claimed again.
    .addColumn('claimed_until', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('deliveries_due_idx').on('deliveries').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('deliveries_alert_idx').on('deliveries').columns(['alert_id', 'created_at']).execute();

  await db.schema
    .createTable('delivery_attempts')
    .addColumn('id', serial, serialKey)
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer')
    .execute();
  await db.schema.createIndex('delivery_attempts_delivery_idx').on('delivery_attempts').columns(['delivery_id', 'id']).execute();

  await db.schema
    .createTable('feed_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    // sha256 of the token in the feed's URL; the token itself is shown once.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('feed_tokens_owner_idx').on('feed_tokens').columns(['owner']).execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of ['feed_tokens', 'delivery_attempts', 'deliveries', 'notifications', 'alerts', 'follows']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
