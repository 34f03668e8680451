import { z } from 'zod';
import { parseEmbedOrigins } from './security/headers';

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  ATLAS_SEED: z.enum(['on', 'off']).default('on'),
  ATLAS_MAX_UPLOAD_MB: z.coerce.number().positive().max(10_000).default(100),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Team mode: a session ends after this many idle hours, and at the latest ATLAS_SESSION_MAX_HOURS after sign-in.
  ATLAS_SESSION_HOURS: z.coerce.number().positive().max(24 * 365).default(12),
  ATLAS_SESSION_MAX_HOURS: z.coerce.number().positive().max(24 * 365).default(24 * 7),
  // Pause before answering a failed sign-in (slows guessing); tests set 0.
  ATLAS_SIGNIN_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(300),
  // Share-link views (GET /s/<token>, GET /api/v1/s/<token>) per client address and minute; more is a 429.
  ATLAS_SHARE_RATE: z.coerce.number().int().min(1).max(1_000_000).default(120),
  // Graceful shutdown: on SIGTERM, how long in-flight requests may still run before the rest is cut (scripts/serve.mjs).
  ATLAS_SHUTDOWN_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  // A CSV import still running after this many milliseconds answers 202 with a job to follow (0: always a job).
  ATLAS_IMPORT_SYNC_MS: z.coerce.number().int().min(0).max(600_000).default(2_000),
  // SQLite: worker threads with read-only connections that load a board's tiles side by side (db/read-pool.ts);
  // 0 runs them on the main connection. Unset: one per core, from 2 to 8.
  ATLAS_READ_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  // Alerts (issue 18): webhook retries back off from this base (8 tries); private targets only when allowed
  // (tests, on-premises); email through SMTP when a URL is set; the sender looks for due deliveries this often.
  ATLAS_WEBHOOK_RETRY_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  ATLAS_WEBHOOK_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
  ATLAS_SMTP_URL: z.string().url().refine((u) => /^smtps?:\/\//.test(u), 'must be smtp:// or smtps://').optional(),
  ATLAS_SMTP_FROM: z.string().min(3).max(200).default('AIGC Atlas <atlas@localhost>'),
  ATLAS_DELIVERY_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2_000),
  // The app's public address (https://atlas.example.org): webhooks and emails then link to it; unset, their
  // links are paths of the app (/investments?…), as a background sender knows no request's Host.
  ATLAS_PUBLIC_URL: z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be http:// or https://').optional(),
  // Origins allowed to frame share pages (/s/<token>), space- or comma-separated; none by default.
  ATLAS_EMBED_ORIGINS: z.string().default('').transform((raw, ctx) => {
    try {
      return parseEmbedOrigins(raw);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^invalid environment: ATLAS_EMBED_ORIGINS: /, '') });
      return z.NEVER;
    }
  }),
});

export type Env = z.infer<typeof envSchema>;

/** Read the environment through its schema; a bad value stops the app with a message naming it. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse({
    DATABASE_URL: source.DATABASE_URL || undefined,
    ATLAS_SEED: source.ATLAS_SEED || undefined,
    ATLAS_MAX_UPLOAD_MB: source.ATLAS_MAX_UPLOAD_MB || undefined,
    PORT: source.PORT || undefined,
    ATLAS_SESSION_HOURS: source.ATLAS_SESSION_HOURS || undefined,
    ATLAS_SESSION_MAX_HOURS: source.ATLAS_SESSION_MAX_HOURS || undefined,
    ATLAS_SIGNIN_DELAY_MS: source.ATLAS_SIGNIN_DELAY_MS || undefined,
    ATLAS_SHARE_RATE: source.ATLAS_SHARE_RATE || undefined,
    ATLAS_SHUTDOWN_MS: source.ATLAS_SHUTDOWN_MS || undefined,
    ATLAS_IMPORT_SYNC_MS: source.ATLAS_IMPORT_SYNC_MS || undefined,
    ATLAS_READ_WORKERS: source.ATLAS_READ_WORKERS || undefined,
    ATLAS_EMBED_ORIGINS: source.ATLAS_EMBED_ORIGINS || undefined,
    ATLAS_WEBHOOK_RETRY_MS: source.ATLAS_WEBHOOK_RETRY_MS || undefined,
    ATLAS_WEBHOOK_ALLOW_PRIVATE: source.ATLAS_WEBHOOK_ALLOW_PRIVATE || undefined,
    ATLAS_SMTP_URL: source.ATLAS_SMTP_URL || undefined,
    ATLAS_SMTP_FROM: source.ATLAS_SMTP_FROM || undefined,
    ATLAS_DELIVERY_POLL_MS: source.ATLAS_DELIVERY_POLL_MS || undefined,
    ATLAS_PUBLIC_URL: source.ATLAS_PUBLIC_URL || undefined,
  });
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid environment: ${detail}`);
  }
  return parsed.data;
}
