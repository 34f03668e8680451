'use client';

import { useEffect, useRef, useState } from 'react';
import type { PinChoice } from '@/lib/boards/pin-targets';
import type { Locale } from '@/lib/i18n';
import { pinTranslator, type PinTranslate as Translate } from '@/lib/i18n/catalogs/pin';
import '../share/share.css';
import './pin.css';

export interface PinDialogProps {
  locale: Locale;
  choices: PinChoice[];
  me: string | null;
  /** Called once the dialog has closed (the button takes the focus back). */
  onClosed: () => void;
}

interface BoardItem {
  id: string;
  title: string;
  title_zh: string | null;
  owner: string;
}

interface ApiFailure {
  error?: { message?: string; issues?: { path?: string; message?: string }[] };
}

const NEW = '__new__';

async function send(url: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const init: RequestInit = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(url, init);
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** A refusal in the reader's words: what the status means here, and what the API said. */
function failure(t: Translate, status: number | null, body: unknown): string {
  if (status === null) return t('pin.error', { message: t('pin.error.network') });
  const error = (body as ApiFailure | null)?.error;
  const said = error?.issues?.length ? error.issues.map((i) => i.message).join('; ') : (error?.message ?? `HTTP ${status}`);
  if (status === 403) return t('pin.error', { message: `${t('pin.error.403')} (${said})` });
  if (status === 404) return t('pin.error', { message: t('pin.error.404') });
  if (status === 422) return t('pin.error', { message: t('pin.error.422', { message: said }) });
  return t('pin.error', { message: said });
}

/** Pick what to pin and a board (or name a new one); the server places the tile below the others. */
export function PinDialog({ locale, choices, me, onClosed }: PinDialogProps) {
  const t = pinTranslator(locale);
  const dialog = useRef<HTMLDialogElement>(null);
  const [boards, setBoards] = useState<BoardItem[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [choiceKey, setChoiceKey] = useState(choices[0]?.key ?? '');
  const [tileTitle, setTileTitle] = useState<string | null>(null);
  const [target, setTarget] = useState<string>(NEW);
  const [newTitle, setNewTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pinned, setPinned] = useState<{ id: string; title: string } | null>(null);

  const editable = (board: BoardItem) => me === null || board.owner === me;
  const nameOf = (board: { title: string; title_zh?: string | null }) => (locale === 'zh' && board.title_zh ? board.title_zh : board.title);
  const choice = choices.find((c) => c.key === choiceKey) ?? choices[0];

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    element.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    let live = true;
    send('/api/v1/boards?pageSize=100&sort=title')
      .then(({ status, body }) => {
        if (!live) return;
        if (status !== 200) return setListError(t('pin.error.list', { message: (body as ApiFailure | null)?.error?.message ?? `HTTP ${status}` }));
        const rows = ((body as { rows?: BoardItem[] }).rows ?? []).map((r) => ({ id: r.id, title: r.title, title_zh: r.title_zh ?? null, owner: r.owner }));
        setBoards(rows);
        const first = rows.find((r) => me === null || r.owner === me);
        if (first) setTarget(first.id);
      })
      .catch(() => live && setListError(t('pin.error.list', { message: t('pin.error.network') })));
    return () => {
      live = false;
    };
    // Once per opening: the button mounts a fresh dialog each time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!choice) return;
    setBusy(true);
    setError(null);
    setPinned(null);
    try {
      let board = boards?.find((b) => b.id === target) ?? null;
      if (!board) {
        const made = await send('/api/v1/boards', { title: newTitle.trim() });
        if (made.status !== 201) return setError(failure(t, made.status, made.body));
        board = made.body as BoardItem;
        const created = board;
        setBoards((list) => [...(list ?? []), created]);
        setTarget(created.id);
        setNewTitle('');
      }
      const title = (tileTitle ?? choice.label).trim();
      const tile = { ...choice.tile, ...(title ? { title: title.slice(0, 200) } : {}) };
      const reply = await send(`/api/v1/boards/${encodeURIComponent(board.id)}/tiles`, { tile });
      if (reply.status !== 201) return setError(failure(t, reply.status, reply.body));
      setPinned({ id: board.id, title: nameOf(board) });
    } catch {
      setError(failure(t, null, null));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="share-dialog pin-dialog" aria-labelledby="pin-dialog-title" data-testid="pin-dialog" onClose={onClosed}>
      <div className="share-dialog-head">
        <h2 id="pin-dialog-title">{t('pin.dialog.title')}</h2>
        <button type="button" className="btn" onClick={() => dialog.current?.close()} aria-label={t('pin.dialog.close')} data-testid="pin-close">
          ×
        </button>
      </div>
      <form onSubmit={submit} className="share-form">
        {choices.length > 1 ? (
          <fieldset className="share-field pin-choices">
            <legend>{t('pin.what')}</legend>
            {choices.map((c, i) => (
              <label key={c.key}>
                <input
                  type="radio"
                  name="what"
                  value={c.key}
                  checked={c.key === choiceKey}
                  onChange={() => {
                    setChoiceKey(c.key);
                    setTileTitle(null);
                  }}
                  data-autofocus={i === 0 ? '' : undefined}
                  data-testid={`pin-choice-${c.key}`}
                />{' '}
                {c.label}
              </label>
            ))}
          </fieldset>
        ) : null}
        <label className="share-field">
          <span>{t('pin.tileTitle')}</span>
          <input
            value={tileTitle ?? choice?.label ?? ''}
            onChange={(e) => setTileTitle(e.currentTarget.value)}
            maxLength={200}
            data-autofocus={choices.length <= 1 ? '' : undefined}
            data-testid="pin-tile-title"
          />
        </label>
        <BoardPicker t={t} boards={boards} listError={listError} target={target} setTarget={setTarget} editable={editable} nameOf={nameOf} />
        {target === NEW && (boards !== null || listError) ? (
          <label className="share-field">
            <span>{t('pin.newTitle')}</span>
            <input value={newTitle} onChange={(e) => setNewTitle(e.currentTarget.value)} maxLength={200} required data-testid="pin-new-title" />
          </label>
        ) : null}
        <button type="submit" className="btn primary" disabled={busy || !choice || (boards === null && !listError)} data-testid="pin-submit">
          {busy ? t('pin.pinning') : t('pin.submit')}
        </button>
      </form>
      {error ? (
        <p className="error-box" role="alert" data-testid="pin-error">
          {error}
        </p>
      ) : null}
      <div role="status" className="pin-status" data-testid="pin-status">
        {pinned ? (
          <p className="share-created" data-testid="pin-done">
            <strong>{t('pin.done', { board: pinned.title })}</strong>{' '}
            <a href={`/boards/${encodeURIComponent(pinned.id)}`} data-testid="pin-board-link">
              {t('pin.open')}
            </a>
          </p>
        ) : null}
      </div>
    </dialog>
  );
}

interface PickerProps {
  t: Translate;
  boards: BoardItem[] | null;
  listError: string | null;
  target: string;
  setTarget: (id: string) => void;
  editable: (board: BoardItem) => boolean;
  nameOf: (board: BoardItem) => string;
}

function BoardPicker({ t, boards, listError, target, setTarget, editable, nameOf }: PickerProps) {
  if (listError) {
    return (
      <p className="error-box" role="alert" data-testid="pin-list-error">
        {listError}
      </p>
    );
  }
  return (
    <label className="share-field">
      <span>{t('pin.board')}</span>
      <select value={target} onChange={(e) => setTarget(e.currentTarget.value)} disabled={boards === null} data-testid="pin-board">
        {boards === null ? <option value={NEW}>{t('pin.board.loading')}</option> : null}
        {(boards ?? []).map((b) =>
          editable(b) ? (
            <option key={b.id} value={b.id}>
              {nameOf(b)}
            </option>
          ) : (
            <option key={b.id} value={b.id} disabled>
              {t('pin.board.readOnly', { title: nameOf(b), owner: b.owner })}
            </option>
          ),
        )}
        {boards !== null ? <option value={NEW}>{t('pin.board.new')}</option> : null}
      </select>
      {boards !== null && !boards.some(editable) ? <span className="small muted">{t('pin.board.none')}</span> : null}
    </label>
  );
}
