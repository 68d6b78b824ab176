/** The elements of <parley-chat>'s shadow root that the class updates. */
export interface Parts {
  base: HTMLElement;
  launcher: HTMLButtonElement;
  /** A placeholder until the panel loads, then the <parley-panel> itself. */
  panelSlot: HTMLElement;
  loadError: HTMLElement;
}

/**
 * Builds the launcher's shadow DOM with DOM calls (no HTML parsing, so no
 * Trusted Types policy is needed and nothing from outside is ever parsed).
 */
export function buildShadow(root: ShadowRoot): Parts {
  const base = document.createElement('div');
  base.setAttribute('part', 'base');
  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.setAttribute('part', 'launcher');
  launcher.setAttribute('aria-controls', 'panel');
  launcher.setAttribute('aria-haspopup', 'dialog');
  const panelSlot = document.createElement('div');
  panelSlot.hidden = true;
  const loadError = document.createElement('div');
  loadError.setAttribute('part', 'load-error');
  loadError.setAttribute('role', 'alert');
  loadError.hidden = true;
  base.append(launcher, panelSlot, loadError);
  root.append(base);
  return { base, launcher, panelSlot, loadError };
}

const svgNs = 'http://www.w3.org/2000/svg';

/**
 * The loader's own icons (whole-number paths: every byte here is paid before
 * the launcher appears); the theme's other icons come with the launcher
 * extras chunk.
 */
export const iconPaths = {
  chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z',
  close: 'M6 5l6 6 6-6 1 1-6 6 6 6-1 1-6-6-6 6-1-1 6-6-6-6z',
};

/** An icon from SVG path data (24×24); decorative, hidden from assistive tech. */
export function icon(path: string): SVGSVGElement {
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const node = document.createElementNS(svgNs, 'path');
  node.setAttribute('d', path);
  svg.append(node);
  return svg;
}
