import type { PinChoice } from '@/lib/boards/pin-targets';
import { allows } from '@/lib/auth/roles';
import type { Locale } from '@/lib/i18n';
import { pinTranslator } from '@/lib/i18n/catalogs/pin';
import { currentViewer } from '../../_lib/auth';
import { sharedView } from '../../_views/shared';
import { PinButton } from './PinButton';

export interface PinAccess {
  locale: Locale;
  label: string;
  /** The signed-in user who may pin only to their own boards (team mode, not an admin); null: any board. */
  me: string | null;
}

/**
 * Whether this page shows "Pin to board": to the people who may write (everyone in local mode, editors and
 * admins in team mode), never on a share link's view. An editor who is not an admin may pin only to their own
 * boards (db/ownership.ts), so the dialog is told who they are.
 */
export async function pinAccess(locale: Locale): Promise<PinAccess | null> {
  if (sharedView()) return null;
  const viewer = await currentViewer();
  if (viewer.mode === 'shared') return null;
  if (viewer.mode === 'team' && (!viewer.user || !allows(viewer.user.role, 'write'))) return null;
  const me = viewer.mode === 'team' && viewer.user && viewer.user.role !== 'admin' ? viewer.user.email : null;
  return { locale, label: pinTranslator(locale)('pin.button'), me };
}

/** The button, or nothing. `nameChoice`: several on one page (the dashboard's charts) say which thing each one pins. */
export function pinButton(access: PinAccess | null, choices: PinChoice[], options: { testId?: string; nameChoice?: boolean } = {}) {
  if (!access || choices.length === 0) return null;
  const name = options.nameChoice ? `${access.label}: ${choices[0].label}` : undefined;
  return <PinButton {...access} name={name} choices={choices} testId={options.testId} />;
}

/** "Pin to board" in a page's head, beside Share. */
export async function PinToBoard({ locale, choices }: { locale: Locale; choices: PinChoice[] }) {
  return pinButton(await pinAccess(locale), choices);
}
