import type { Generated } from 'kysely';

// Tables of follows, what is new and alert deliveries (migration 026, issue 18). `alerts` is a registry
// collection and is reached as such; these are written by hand.

export interface FollowTable {
  id: string;
  owner: string;
  kind: 'company' | 'investor' | 'view' | 'hypothesis' | 'board';
  target: string;
  title: string | null;
  created_at: string;
}

export interface NotificationTable {
  id: Generated<number>;
  owner: string;
  follow_id: string | null;
  alert_id: string | null;
  kind: string;
  at: string;
  summary: string;
  summary_zh: string | null;
  url: string | null;
  payload: string | null;
  seen_at: string | null;
}

export interface DeliveryTable {
  id: string;
  notification_id: number;
  alert_id: string;
  channel: 'webhook' | 'email';
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  claimed_until: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface DeliveryAttemptTable {
  id: Generated<number>;
  delivery_id: string;
  at: string;
  status: number | null;
  error: string | null;
  duration_ms: number | null;
}

export interface FeedTokenTable {
  id: string;
  owner: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface AlertTables {
  follows: FollowTable;
  notifications: NotificationTable;
  deliveries: DeliveryTable;
  delivery_attempts: DeliveryAttemptTable;
  feed_tokens: FeedTokenTable;
}
