/**
 * How the launcher gets the chat panel. The script-tag build loads a hashed
 * chunk next to `parley.js`; the ES module build uses a plain dynamic import.
 * Keeping the choice out of the element lets one element class serve both
 * builds (an IIFE cannot code-split, so the loader must not reference the panel).
 */
let loader: (() => Promise<unknown>) | undefined;
let loading: Promise<unknown> | undefined;

/** Sets how the panel chunk is loaded; called once by the build's entry module. */
export function setPanelLoader(load: () => Promise<unknown>): void {
  loader = load;
}

/** Loads the panel once; later calls share the same promise (and retry after a failure). */
export function loadPanel(): Promise<unknown> {
  if (customElements.get('parley-panel')) return Promise.resolve();
  if (!loader) return Promise.reject(new Error('No panel loader is configured.'));
  loading ??= loader().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
