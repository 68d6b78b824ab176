import type { LauncherTheme } from './config';

/**
 * The launcher's optional theming, in its own small chunk
 * (launcher-extras.ts): a visible label, the non-default icons, the logo as
 * icon and web font loading. Most tenants use none of it, so the loader
 * every visitor downloads does not carry it; a theme that does fetches the
 * chunk once and shows the plain launcher until it arrives.
 */
export interface LauncherExtras {
  /** Styles of the labelled launcher and its shapes, adopted after the launcher's own. */
  styles: CSSStyleSheet;
  /** The closed launcher's content: the theme's icon (or logo) and label. */
  content(theme: LauncherTheme): Node[];
  /** Adds the theme's web font stylesheet to the document, once per URL. */
  loadFont(url: string | undefined): void;
}

let loader: (() => Promise<{ extras: LauncherExtras }>) | undefined;
let loading: Promise<LauncherExtras> | undefined;
let loaded: LauncherExtras | undefined;

/** Sets how the extras chunk is loaded; called once by the build's entry module. */
export function setExtrasLoader(load: () => Promise<{ extras: LauncherExtras }>): void {
  loader = load;
}

/** Whether a theme uses anything only the extras chunk can render. */
export function needsExtras(theme: LauncherTheme | undefined): boolean {
  const icon = theme?.launcher.icon;
  return !!(theme?.launcher.label || theme?.fontUrl || (icon && icon !== 'chat'));
}

/** The extras, if already loaded (synchronously, so a re-render does not flash). */
export function loadedExtras(): LauncherExtras | undefined {
  return loaded;
}

/** Loads the extras once; later calls share the promise (and retry after a failure). */
export function loadExtras(): Promise<LauncherExtras> {
  if (!loader) return Promise.reject(new Error('No launcher extras loader is configured.'));
  loading ??= loader().then(
    (module) => (loaded = module.extras),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
