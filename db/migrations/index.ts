import type { Migration } from 'kysely';
import * as initial from './2026-11-28-001-initial';
import * as imports from './2026-11-28-002-imports';

/** A static map: file-based loading breaks once the app is bundled. */
export const migrations: Record<string, Migration> = {
  '2026-11-28-001-initial': initial,
  '2026-11-28-002-imports': imports,
};
