/**
 * The only things the widget ever changes outside its shadow root, both
 * undone on close: the page's scroll lock while a full-screen panel is open,
 * and tracking the visual viewport so the panel shrinks above the on-screen
 * keyboard. Both go through CSSOM (`element.style`), which a strict CSP allows.
 */
let locks = 0;
let saved = '';

/** Stops the page behind a full-screen panel from scrolling; returns the release function. */
export function lockPageScroll(): () => void {
  const root = document.documentElement;
  if (locks++ === 0) {
    saved = root.style.getPropertyValue('overflow');
    root.style.setProperty('overflow', 'hidden');
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--locks === 0) {
      if (saved) root.style.setProperty('overflow', saved);
      else root.style.removeProperty('overflow');
    }
  };
}

/**
 * Mirrors `visualViewport.height` into `--_parley-vvh` on the element (the
 * keyboard shrinks the visual viewport, not `100dvh` in every browser).
 * Returns the function that stops tracking.
 */
export function trackVisualViewport(element: HTMLElement): () => void {
  const viewport = window.visualViewport;
  if (!viewport) return () => {};
  const update = () => element.style.setProperty('--_parley-vvh', `${viewport.height}px`);
  update();
  viewport.addEventListener('resize', update);
  return () => {
    viewport.removeEventListener('resize', update);
    element.style.removeProperty('--_parley-vvh');
  };
}
