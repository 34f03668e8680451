'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { bottomRow, GRID_COLUMNS, MAX_TILES, type Placement } from '@/lib/boards/grid';
import type { Tile } from '@/lib/boards/kinds';
import { ownTitle } from '@/lib/boards/titles';
import { translator, type Locale } from '@/lib/i18n';
import { duplicateTile, keyStep, placeTile, retitleTile, type Refusal } from './layout-edit';
import { placeStyle, ROW_PX } from './placement';
import { TileEditBar } from './TileEditBar';

// The board's grid of tiles. For someone who may edit it, "Edit layout" turns on a handle per tile (drag it, or
// focus it and use the arrow keys; Shift resizes), a resize corner, and buttons to retitle, duplicate and remove.
// "Save" sends every tile with the version the page showed; a board changed elsewhere meanwhile is a 409 to reload.
// The cards come from the server as props and are placed through <Card>, a component: a card whose part of the
// payload has not been read yet when hydration reaches it then waits there (docs/decisions/023).

type Problem = { kind: 'conflict'; version: number | null } | { kind: 'invalid'; message: string; issues: { path: string; message: string }[] } | { kind: 'failed'; message: string };

interface Drag {
  id: string;
  mode: 'move' | 'resize';
  x0: number;
  y0: number;
  start: Placement;
  column: number;
  row: number;
  /** Why the pointer's last cell was refused (the tile stays at the last cell it could take). */
  refused: Refusal | null;
}

interface Props {
  boardId: string;
  version: number;
  /** The stored tiles, in reading order. */
  tiles: Tile[];
  /** Each tile's card, rendered on the server. */
  cards: Record<string, ReactNode>;
  /** Each tile's title as shown (its own or its kind's default). */
  titles: Record<string, string>;
  /** Whether this viewer may change the layout (else the grid alone). */
  editable: boolean;
  locale: Locale;
}

/** A server-rendered card, returned by a component rather than placed straight under an element. */
function Card({ node }: { node: ReactNode }) {
  return node;
}

const EXTRA_ROWS = 4;

export function BoardEditor({ boardId, version, tiles, cards, titles, editable, locale }: Props) {
  const t = translator(locale);
  const router = useRouter();
  const grid = useRef<HTMLDivElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  const drag = useRef<Drag | null>(null);
  const [editing, setEditing] = useState<{ base: number; tiles: Tile[]; copies: Record<string, string> } | null>(null);
  const [saved, setSaved] = useState<{ version: number; tiles: Tile[] } | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const wasEditing = useRef(false);

  // After a save, the saved layout shows until the refreshed page brings it back from the server.
  const shown = editing ? editing.tiles : saved && version < saved.version ? saved.tiles : tiles;
  const titleOf = (tile: Tile) => ownTitle(tile, locale) ?? titles[editing?.copies[tile.id] ?? tile.id] ?? tile.id;
  const dirty = editing !== null && JSON.stringify(editing.tiles) !== JSON.stringify(tiles);

  useEffect(() => {
    if (editing && !wasEditing.current) grid.current?.querySelector<HTMLButtonElement>('.tile-handle')?.focus();
    if (!editing && wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing !== null;
  }, [editing]);

  const refusalText = (refusal: Refusal) =>
    refusal.kind === 'overlap'
      ? t('board.edit.overlap', { other: titleOf(shown.find((x) => x.id === refusal.other) ?? ({ id: refusal.other } as Tile)) })
      : refusal.kind === 'tooMany'
        ? t('board.edit.tooMany', { max: MAX_TILES })
        : t('board.edit.outside');
  const placedText = (tile: Tile) => t('board.edit.moved', { title: titleOf(tile), x: tile.x + 1, y: tile.y + 1, w: tile.w, h: tile.h });

  const update = (next: Tile[]) => setEditing((e) => (e ? { ...e, tiles: next } : e));
  const start = () => {
    setProblem(null);
    setStatus('');
    setEditing({ base: version, tiles: shown.map((tile) => ({ ...tile })), copies: {} });
  };
  const cancel = () => {
    setEditing(null);
    setRenaming(null);
    setProblem(null);
    setStatus(t('board.edit.cancelled'));
  };

  const place = (id: string, to: Omit<Placement, 'id'>, announce: boolean): Refusal | null => {
    if (!editing) return null;
    const result = placeTile(editing.tiles, id, to);
    if (result.ok) update(result.tiles);
    if (announce) setStatus(result.ok ? placedText(result.tile) : refusalText(result.refusal));
    return result.ok ? null : result.refusal;
  };

  const onKey = (tile: Tile) => (event: KeyboardEvent<HTMLButtonElement>) => {
    const to = keyStep(tile, event.key, event.shiftKey);
    if (!to) return;
    event.preventDefault();
    place(tile.id, to, true);
  };

  const onPointerDown = (tile: Tile, mode: Drag['mode']) => (event: PointerEvent<HTMLElement>) => {
    if (event.button !== 0 || !grid.current) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const box = grid.current.getBoundingClientRect();
    const gap = parseFloat(getComputedStyle(grid.current).columnGap) || 0;
    drag.current = { id: tile.id, mode, x0: event.clientX, y0: event.clientY, start: tile, column: (box.width + gap) / GRID_COLUMNS, row: ROW_PX + gap, refused: null };
  };
  const onPointerMove = (event: PointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d || !editing) return;
    const dx = Math.round((event.clientX - d.x0) / d.column);
    const dy = Math.round((event.clientY - d.y0) / d.row);
    const { x, y, w, h } = d.start;
    const to = d.mode === 'move' ? { x: x + dx, y: y + dy, w, h } : { x, y, w: w + dx, h: h + dy };
    const now = editing.tiles.find((tile) => tile.id === d.id);
    if (!now) return;
    d.refused = now.x !== to.x || now.y !== to.y || now.w !== to.w || now.h !== to.h ? place(d.id, to, false) : null;
  };
  const onPointerUp = () => {
    const d = drag.current;
    drag.current = null;
    const tile = d && editing?.tiles.find((x) => x.id === d.id);
    if (tile) setStatus(`${d.refused ? `${refusalText(d.refused)} ` : ''}${placedText(tile)}`);
  };

  const duplicate = (tile: Tile) => {
    if (!editing) return;
    const result = duplicateTile(editing.tiles, tile.id);
    if (!result.ok) return setStatus(refusalText(result.refusal));
    setEditing({ ...editing, tiles: result.tiles, copies: { ...editing.copies, [result.tile.id]: editing.copies[tile.id] ?? tile.id } });
    setStatus(t('board.edit.duplicated', { title: titleOf(tile) }));
  };
  const remove = (tile: Tile) => {
    if (!editing) return;
    update(editing.tiles.filter((x) => x.id !== tile.id));
    setStatus(t('board.edit.removed', { title: titleOf(tile) }));
    saveButton.current?.focus();
  };

  const save = async () => {
    if (!editing) return;
    setSaving(true);
    setProblem(null);
    setStatus(t('board.edit.saving'));
    const url = `/api/v1/boards/${encodeURIComponent(boardId)}`;
    const response = await fetch(url, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tiles: editing.tiles, version: editing.base }) }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { version?: number; error?: { message?: string; issues?: { path: string; message: string }[] } } | null;
    setSaving(false);
    setStatus('');
    if (response?.ok && body) {
      setSaved({ version: Number(body.version), tiles: editing.tiles });
      setEditing(null);
      setRenaming(null);
      setStatus(t('board.edit.saved', { version: Number(body.version) }));
      router.refresh();
    } else if (response?.status === 409) {
      const now = (await fetch(url).then((r) => r.json()).catch(() => null)) as { version?: number } | null;
      setProblem({ kind: 'conflict', version: typeof now?.version === 'number' ? now.version : null });
    } else if (response?.status === 422) {
      setProblem({ kind: 'invalid', message: body?.error?.message ?? '', issues: body?.error?.issues ?? [] });
    } else {
      setProblem({ kind: 'failed', message: body?.error?.message ?? (response ? `HTTP ${response.status}` : 'network') });
    }
  };

  const rows = bottomRow(shown);
  return (
    <div className="board-editor" data-editing={editing ? 'true' : undefined}>
      {editable ? (
        <div className="board-editor-bar">
          {editing ? (
            <>
              <button type="button" className="btn primary" ref={saveButton} onClick={() => void save()} disabled={saving} data-testid="board-save">
                {saving ? t('board.edit.saving') : t('board.edit.save')}
              </button>
              <button type="button" className="btn" onClick={cancel} disabled={saving} data-testid="board-cancel">
                {t('board.edit.cancel')}
              </button>
              {dirty ? <span className="badge board-unsaved">{t('board.edit.unsaved')}</span> : null}
            </>
          ) : (
            <button type="button" className="btn" ref={editButton} onClick={start} data-testid="board-edit">
              {t('board.edit.start')}
            </button>
          )}
          <span role="status" aria-live="polite" className="board-status small" data-testid="board-status">
            {status}
          </span>
        </div>
      ) : null}
      {editing ? <p className="small muted board-edit-help">{t('board.edit.help')}</p> : null}
      {problem ? (
        <div className="error-box board-problem" role="alert" data-testid="board-problem">
          {problem.kind === 'conflict' ? (
            <p>
              {t('board.edit.conflict', { version: problem.version ?? '?' })}{' '}
              <button type="button" className="btn" onClick={() => window.location.reload()} data-testid="board-reload">
                {t('board.edit.reload')}
              </button>
            </p>
          ) : problem.kind === 'invalid' ? (
            <>
              <p>{t('board.edit.invalid')}</p>
              <ul className="small">
                {(problem.issues.length ? problem.issues : [{ path: '', message: problem.message }]).map((issue, i) => (
                  <li key={i}>{issue.path ? `${issue.path}: ${issue.message}` : issue.message}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('board.edit.failed', { message: problem.message })}</p>
          )}
        </div>
      ) : null}
      <div ref={grid} className="board-grid" data-testid="board-grid" style={editing ? { minHeight: (rows + EXTRA_ROWS) * (ROW_PX + 12) } : undefined}>
        {shown.map((tile) => {
          const title = titleOf(tile);
          const source = editing?.copies[tile.id];
          return (
            <div key={tile.id} className="board-tile" style={placeStyle(tile)} data-tile-id={tile.id} data-place={`${tile.x},${tile.y},${tile.w},${tile.h}`}>
              {editing ? (
                <TileEditBar
                  tile={tile}
                  title={title}
                  placeholder={titles[source ?? tile.id] ?? ''}
                  renaming={renaming === tile.id}
                  drag={{ down: (mode) => onPointerDown(tile, mode), move: onPointerMove, up: onPointerUp }}
                  onKey={onKey(tile)}
                  onRename={(on) => setRenaming(on ? tile.id : null)}
                  onTitle={(text) => update(retitleTile(editing.tiles, tile.id, text, locale === 'zh' ? 'title_zh' : 'title'))}
                  onDuplicate={() => duplicate(tile)}
                  onRemove={() => remove(tile)}
                  locale={locale}
                />
              ) : null}
              {source ? <div className="board-card board-card-copy muted small">{titles[source]}</div> : <Card node={cards[tile.id]} />}
              {editing ? (
                <span
                  className="tile-resize"
                  aria-hidden="true"
                  title={t('board.edit.resize', { title })}
                  onPointerDown={onPointerDown(tile, 'resize')}
                  onPointerMove={onPointerMove}
                  onPointerUp={onPointerUp}
                  onPointerCancel={onPointerUp}
                />
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}
