import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ui } from '../../ui/Card';

/**
 * The Theme page, loaded on first visit: the editor brings theme-kit (zod,
 * colour maths) with it, which no other page needs.
 */
export function ThemePage() {
  const [Editor, setEditor] = useState<ComponentType | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('./ThemeEditor').then(
      (module) => setEditor(() => module.ThemeEditor),
      () => setFailed(true),
    );
  }, []);
  if (failed) {
    return (
      <div class={ui.alert} role="alert">
        The theme editor could not be loaded. Reload the page to try again.
      </div>
    );
  }
  return Editor ? (
    <Editor />
  ) : (
    <div class={ui.spinner} role="status" aria-label="Loading the theme editor" />
  );
}
