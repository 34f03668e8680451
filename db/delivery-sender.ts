import { sendEmail } from '../lib/alerts/email';
import { webhookBody, webhookHeaders } from '../lib/alerts/delivery-format';
import { postWebhook, WEBHOOK_TIMEOUT_MS } from '../lib/alerts/webhook-post';
import { readEnv } from '../lib/env';
import { getAtlas, type Atlas } from './connection';
import { claimDueDeliveries, recordAttempt, releaseClaims, type AttemptOutcome, type ClaimedDelivery } from './deliveries';

// The sender (docs/decisions/035-delivery-sender.md): inside each app process, it polls for due deliveries every
// ATLAS_DELIVERY_POLL_MS, claims a few, sends them side by side and records each attempt. Started by
// instrumentation.ts when the server starts; scripts/serve.mjs stops it on SIGTERM through globalThis.

export interface SenderSettings {
  pollMs: number;
  retryBaseMs: number;
  allowPrivate: boolean;
  smtpUrl: string | undefined;
  smtpFrom: string;
  publicUrl: string | undefined;
  /** Time limit of one webhook POST (10 s). */
  timeoutMs: number;
  /** How long a claim holds: longer than a send may take, so that only a sender that died loses its rows. */
  claimMs: number;
  /** Deliveries claimed (and sent side by side) per poll. */
  batch: number;
}

export function settingsFromEnv(overrides: Partial<SenderSettings> = {}): SenderSettings {
  const env = readEnv();
  return {
    pollMs: env.ATLAS_DELIVERY_POLL_MS,
    retryBaseMs: env.ATLAS_WEBHOOK_RETRY_MS,
    allowPrivate: env.ATLAS_WEBHOOK_ALLOW_PRIVATE === '1',
    smtpUrl: env.ATLAS_SMTP_URL,
    smtpFrom: env.ATLAS_SMTP_FROM,
    publicUrl: env.ATLAS_PUBLIC_URL,
    timeoutMs: WEBHOOK_TIMEOUT_MS,
    claimMs: 60_000,
    batch: 10,
    ...overrides,
  };
}

export class DeliverySender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<string>();
  /** Attempts this sender has recorded (its log line on shutdown, the process tests). */
  attempted = 0;

  constructor(
    private readonly atlas: () => Promise<Atlas>,
    readonly settings: SenderSettings,
    private readonly log: (message: string) => void = (m) => console.error(`atlas: deliveries: ${m}`),
  ) {}

  start(): void {
    if (this.timer || this.stopping) return;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.pollUntilIdle()
        .then(() => undefined)
        .catch((error: unknown) => this.log(`poll failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          this.running = null;
          this.schedule(this.settings.pollMs);
        });
    }, ms);
    // A sender alone does not keep a process alive (scripts, tests); the server's socket does.
    this.timer.unref();
  }

  /** Send what is due now, batch after batch, until nothing is; the number of deliveries tried. */
  async pollUntilIdle(): Promise<number> {
    let tried = 0;
    while (!this.stopping) {
      const n = await this.pollOnce();
      tried += n;
      if (n < this.settings.batch) break;
    }
    return tried;
  }

  /** One claim and the sends of what it got. */
  async pollOnce(): Promise<number> {
    const atlas = await this.atlas();
    const claimed = await claimDueDeliveries(atlas, { now: Date.now(), claimMs: this.settings.claimMs, limit: this.settings.batch });
    await Promise.all(claimed.map((c) => this.deliver(atlas, c)));
    return claimed.length;
  }

  private async deliver(atlas: Atlas, claimed: ClaimedDelivery): Promise<void> {
    this.inFlight.add(claimed.delivery.id);
    try {
      const started = performance.now();
      const outcome = await this.send(claimed);
      // Cut by the shutdown: not an attempt; the claim is given back so the next start sends it at once.
      if (this.abort.signal.aborted && !outcome.ok) {
        await releaseClaims(atlas, [claimed.delivery.id]);
        return;
      }
      await recordAttempt(atlas, claimed, { ...outcome, durationMs: performance.now() - started }, { now: Date.now(), retryBaseMs: this.settings.retryBaseMs });
      this.attempted += 1;
    } finally {
      this.inFlight.delete(claimed.delivery.id);
    }
  }

  private async send({ delivery, event, rule }: ClaimedDelivery): Promise<Omit<AttemptOutcome, 'durationMs'>> {
    if (!rule) return { ok: false, status: null, error: 'not sent: the alert rule no longer exists', final: true };
    if (delivery.channel === 'webhook') {
      const url = rule.channels.webhook?.url;
      if (!url) return { ok: false, status: null, error: 'not sent: the rule has no webhook any more', final: true };
      if (!rule.webhook_secret) return { ok: false, status: null, error: 'not sent: the rule has no webhook secret', final: true };
      const body = webhookBody(event, this.settings.publicUrl);
      const headers = webhookHeaders(delivery.id, rule.webhook_secret, body, new Date());
      const outcome = await postWebhook(url, body, headers, { allowPrivate: this.settings.allowPrivate, timeoutMs: this.settings.timeoutMs, signal: this.abort.signal });
      return { ok: outcome.ok, status: outcome.status, error: outcome.error };
    }
    const to = rule.channels.email;
    if (!to) return { ok: false, status: null, error: 'not sent: the rule has no email address any more', final: true };
    return sendEmail(event, to, { smtpUrl: this.settings.smtpUrl, from: this.settings.smtpFrom, publicUrl: this.settings.publicUrl });
  }

  /**
   * Stop polling at once; sends in flight may finish until `deadline` (ms since the epoch), then they are cut and
   * their claims given back. Resolves when nothing of the sender runs any more.
   */
  async stop(deadline = Date.now()): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const running = this.running;
    if (!running) return;
    const cut = setTimeout(() => this.abort.abort(), Math.max(0, deadline - Date.now()));
    try {
      await running;
    } finally {
      clearTimeout(cut);
    }
  }

  get sending(): number {
    return this.inFlight.size;
  }
}

interface Registered {
  sender: DeliverySender;
  /** For scripts/serve.mjs: stop by this time (ms since the epoch). */
  stop: (deadline: number) => Promise<void>;
}

// On globalThis: the instrumentation hook and the route bundles may each load this module; scripts/serve.mjs
// looks for it there.
const holder = globalThis as typeof globalThis & { __atlasDeliveries?: Registered };

/** Start this process's sender once (instrumentation.ts). */
export function startDeliverySender(overrides: Partial<SenderSettings> = {}): DeliverySender {
  if (!holder.__atlasDeliveries) {
    const sender = new DeliverySender(getAtlas, settingsFromEnv(overrides));
    holder.__atlasDeliveries = { sender, stop: (deadline) => sender.stop(deadline) };
    sender.start();
  }
  return holder.__atlasDeliveries.sender;
}
