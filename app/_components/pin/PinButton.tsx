'use client';

import { useRef, useState, type ComponentType } from 'react';
import type { PinChoice } from '@/lib/boards/pin-targets';
import type { Locale } from '@/lib/i18n';
import type { PinDialogProps } from './PinDialog';

// The dialog (and the board list it fetches) loads on the first click, not with the page: pages keep
// their first-load JavaScript (scripts/js-budgets/budgets.ts).
let dialogModule: Promise<ComponentType<PinDialogProps>> | null = null;
const loadDialog = () => (dialogModule ??= import('./PinDialog').then((m) => m.PinDialog));

interface Props {
  locale: Locale;
  label: string;
  /** The button's accessible name when the label alone would not say what it pins. */
  name?: string;
  choices: PinChoice[];
  /** The signed-in user who may edit only their own boards (team mode, not an admin); null: every board. */
  me: string | null;
  testId?: string;
}

/** "Pin to board" beside Share: opens the dialog that puts this view on a board as a tile. */
export function PinButton({ locale, label, name, choices, me, testId = 'pin-open' }: Props) {
  const button = useRef<HTMLButtonElement>(null);
  const [Dialog, setDialog] = useState<ComponentType<PinDialogProps> | null>(null);
  const [opened, setOpened] = useState(0);
  const [loading, setLoading] = useState(false);

  const open = async () => {
    setLoading(true);
    try {
      const loaded = await loadDialog();
      setDialog(() => loaded);
      setOpened((n) => n + 1);
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <button ref={button} type="button" className="btn" onClick={open} aria-label={name} aria-haspopup="dialog" aria-busy={loading || undefined} data-testid={testId}>
        {label}
      </button>
      {Dialog && opened ? <Dialog key={opened} locale={locale} choices={choices} me={me} onClosed={() => button.current?.focus()} /> : null}
    </>
  );
}
