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
const chatPath = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
const closePath =
  'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z';

/** The launcher's icon: a speech bubble when closed, a cross when open. */
export function launcherIcon(open: boolean): SVGSVGElement {
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(svgNs, 'path');
  path.setAttribute('d', open ? closePath : chatPath);
  svg.append(path);
  return svg;
}
