'use client';

import type { KeyboardEventHandler, PointerEventHandler } from 'react';
import type { Tile } from '@/lib/boards/kinds';
import { translator, type Locale } from '@/lib/i18n';

/** How the grid drags a tile: pointer down on a handle (move) or corner (resize), then move and up. */
export interface DragHandlers {
  down: (mode: 'move' | 'resize') => PointerEventHandler<HTMLElement>;
  move: PointerEventHandler<HTMLElement>;
  up: () => void;
}

interface Props {
  tile: Tile;
  title: string;
  /** The title a blank one falls back to (the kind's default). */
  placeholder: string;
  renaming: boolean;
  drag: DragHandlers;
  onKey: KeyboardEventHandler<HTMLButtonElement>;
  onRename: (renaming: boolean) => void;
  onTitle: (text: string) => void;
  onDuplicate: () => void;
  onRemove: () => void;
  locale: Locale;
}

/** A tile's controls in edit mode: its handle (drag, or arrow keys; Shift resizes), title, duplicate and remove. */
export function TileEditBar({ tile, title, placeholder, renaming, drag, onKey, onRename, onTitle, onDuplicate, onRemove, locale }: Props) {
  const t = translator(locale);
  return (
    <div className="tile-edit" data-testid="tile-edit">
      <button
        type="button"
        className="tile-handle"
        aria-label={t('board.edit.handle', { title, x: tile.x + 1, y: tile.y + 1, w: tile.w, h: tile.h })}
        onKeyDown={onKey}
        onPointerDown={drag.down('move')}
        onPointerMove={drag.move}
        onPointerUp={drag.up}
        onPointerCancel={drag.up}
        data-testid="tile-handle"
      >
        <span aria-hidden="true">✥</span>
      </button>
      {renaming ? (
        <span className="tile-rename">
          <label className="sr-only" htmlFor={`rename-${tile.id}`}>
            {t('board.edit.titleLabel')}
          </label>
          <input
            id={`rename-${tile.id}`}
            type="text"
            maxLength={200}
            value={(locale === 'zh' ? tile.title_zh : tile.title) ?? ''}
            placeholder={placeholder}
            autoFocus
            onChange={(e) => onTitle(e.target.value)}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === 'Escape' ? onRename(false) : undefined)}
            data-testid="tile-title-input"
          />
          <button type="button" className="btn" onClick={() => onRename(false)}>
            {t('board.edit.titleDone')}
          </button>
        </span>
      ) : (
        <span className="tile-edit-title">{title}</span>
      )}
      <span className="tile-edit-buttons">
        {renaming ? null : (
          <button type="button" className="btn" aria-label={t('board.edit.renameOf', { title })} onClick={() => onRename(true)} data-testid="tile-rename">
            {t('board.edit.rename')}
          </button>
        )}
        <button type="button" className="btn" aria-label={t('board.edit.duplicateOf', { title })} onClick={onDuplicate} data-testid="tile-duplicate">
          {t('board.edit.duplicate')}
        </button>
        <button type="button" className="btn danger" aria-label={t('board.edit.removeOf', { title })} onClick={onRemove} data-testid="tile-remove">
          {t('board.edit.remove')}
        </button>
      </span>
    </div>
  );
}
