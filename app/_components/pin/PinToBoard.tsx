import type { PinChoice } from '@/lib/boards/pin-targets';
import { allows } from '@/lib/auth/roles';
import type { Locale } from '@/lib/i18n';
import { pinTranslator } from '@/lib/i18n/catalogs/pin';
import { currentViewer } from '../../_lib/auth';
import { sharedView } from '../../_views/shared';
import { PinButton } from './PinButton';

/**
 * "Pin to board" for the people who may write: everyone in local mode, editors and admins in team mode. Never
 * on a share link's view. An editor who is not an admin may pin only to their own boards (db/ownership.ts),
 * so the dialog is told who they are.
 */
export async function PinToBoard({ locale, choices, testId, nameChoice = false }: { locale: Locale; choices: PinChoice[]; testId?: string; nameChoice?: boolean }) {
  if (sharedView() || choices.length === 0) return null;
  const viewer = await currentViewer();
  if (viewer.mode === 'shared') return null;
  if (viewer.mode === 'team' && (!viewer.user || !allows(viewer.user.role, 'write'))) return null;
  const me = viewer.mode === 'team' && viewer.user && viewer.user.role !== 'admin' ? viewer.user.email : null;
  const label = pinTranslator(locale)('pin.button');
  // Several buttons on one page (the dashboard's charts) say which thing each one pins.
  const name = nameChoice ? `${label}: ${choices[0].label}` : undefined;
  return <PinButton locale={locale} label={label} name={name} choices={choices} me={me} testId={testId} />;
}
