/**
 * Undo/redo for the theme editor. Rapid edits of the same control (dragging
 * a colour picker fires dozens of input events) coalesce into one step, so
 * undo goes back to where the drag started rather than one pixel.
 */
export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** The control that made the last edit, and when, for coalescing. */
  lastKey?: string;
  lastAt?: number;
}

/** How many steps undo can go back. */
export const historyLimit = 100;

/** Edits of one control closer together than this are one step. */
export const coalesceMs = 800;

/** A history with nothing to undo. */
export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/**
 * Records an edit. `equal` decides whether anything changed (an edit that
 * changes nothing is not a step); `key` names the control for coalescing.
 */
export function record<T>(
  history: History<T>,
  next: T,
  options: { key?: string; now: number; equal: (a: T, b: T) => boolean },
): History<T> {
  if (options.equal(history.present, next)) return history;
  const coalesce =
    options.key !== undefined &&
    options.key === history.lastKey &&
    history.lastAt !== undefined &&
    options.now - history.lastAt < coalesceMs;
  return {
    past: coalesce ? history.past : [...history.past, history.present].slice(-historyLimit),
    present: next,
    future: [],
    lastKey: options.key,
    lastAt: options.now,
  };
}

/** Steps back; unchanged when there is nothing to undo. */
export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
  };
}

/** Steps forward again; unchanged when there is nothing to redo. */
export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest };
}
