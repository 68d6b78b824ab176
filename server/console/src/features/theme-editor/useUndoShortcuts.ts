import { useEffect } from 'preact/hooks';
import type { ThemeStore } from './theme-store';

/**
 * Ctrl/⌘+Z undoes and Ctrl/⌘+Shift+Z or Ctrl+Y redoes theme edits, except
 * while typing in a text box, where the browser's own text undo belongs.
 */
export function useUndoShortcuts(store: ThemeStore): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const target = event.target as HTMLElement | null;
      const typing =
        target instanceof HTMLTextAreaElement ||
        (target instanceof HTMLInputElement &&
          !['color', 'range', 'radio', 'checkbox', 'file'].includes(target.type));
      if (typing) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) store.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') store.redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
