import { z } from 'zod';

// Bodies and queries of the follow, inbox and feed-token API (issue 18). Pure.

export const FOLLOW_KINDS = ['company', 'investor', 'view', 'hypothesis', 'board'] as const;

export const followBodySchema = z.strictObject({
  kind: z.enum(FOLLOW_KINDS),
  /** A company, hypothesis or board id, or a table view's path (`/investments?round_type=seed`). */
  target: z.string().min(1).max(2000),
  title: z.string().trim().min(1).max(200).optional(),
});

export const seenBodySchema = z.strictObject({
  /** Mark seen the notifications up to and including this id; all when omitted. */
  upTo: z.number().int().positive().optional(),
});

export const inboxQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
});
