import { useEffect, useRef } from 'preact/hooks';
import { previewVariables } from './theme-edits';
import type { ThemeStore } from './theme-store';

/** What the console posts into a preview frame (read by the frame's bridge script). */
export interface PreviewMessage {
  type: 'parley-theme-preview';
  variables: Record<string, string>;
  colorScheme: 'light' | 'dark';
  position: string;
  /** Launcher shape, icon and label, as the widget config's theme block carries them. */
  launcher: { shape: string; icon: string; label: string | null };
  /** Bot name, and logo and avatar as absolute URLs (uploads are paths on this origin). */
  brand: { botName: string | null; logoUrl: string | null; avatarUrl: string | null };
  fontUrl: string | null;
}

const absolute = (path: string | null) =>
  path ? new URL(path, window.location.origin).href : null;

/**
 * Keeps every preview iframe showing the draft: posts the variables for the
 * chosen mode and the settings that are not CSS (launcher, brand, font)
 * whenever the draft or the mode changes, and to a frame that
 * says it (re)loaded. Messages go to our own origin only.
 */
export function usePreviewBridge(store: ThemeStore) {
  const frames = useRef(new Set<HTMLIFrameElement>());
  const theme = store.draft.value;
  const mode = store.previewMode.value;

  const message = (): PreviewMessage | null =>
    theme && {
      type: 'parley-theme-preview',
      variables: previewVariables(theme, mode),
      colorScheme: mode,
      position: theme.position,
      launcher: { ...theme.launcher },
      brand: {
        botName: theme.brand.botName,
        logoUrl: absolute(theme.brand.logoUrl),
        avatarUrl: absolute(theme.brand.avatarUrl),
      },
      fontUrl: theme.font.url,
    };

  const post = (frame: HTMLIFrameElement, data: PreviewMessage | null) => {
    if (data) frame.contentWindow?.postMessage(data, window.location.origin);
  };

  useEffect(() => {
    // One frame per animation frame is plenty while a colour picker is dragged.
    const handle = requestAnimationFrame(() => {
      const data = message();
      for (const frame of frames.current) post(frame, data);
    });
    return () => cancelAnimationFrame(handle);
  }, [theme, mode]);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin) return;
      if ((event.data as { type?: string } | null)?.type !== 'parley-theme-preview-loaded') return;
      for (const frame of frames.current)
        if (frame.contentWindow === event.source) post(frame, message());
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  });

  /** A ref callback for each preview iframe. */
  return (frame: HTMLIFrameElement | null) => {
    if (frame) frames.current.add(frame);
    for (const known of frames.current) if (!known.isConnected) frames.current.delete(known);
  };
}
