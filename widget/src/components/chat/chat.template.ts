import type { WidgetTheme } from '../../internal/config';

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
// Whole-number paths: every byte here is paid before the launcher appears.
const paths: Record<string, string> = {
  chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z',
  sparkle: 'M12 1l3 8 8 3-8 3-3 8-3-8-8-3 8-3z',
  help: 'M11 18h2v2h-2zM12 3a5 5 0 0 0-5 5h2a3 3 0 1 1 4 3c-1 .5-2 1.5-2 3v1h2v-1c0-1 1-1.5 2-2a5 5 0 0 0-3-9z',
  close: 'M6 5l6 6 6-6 1 1-6 6 6 6-1 1-6-6-6 6-1-1 6-6-6-6z',
};

/** A built-in icon by name (`chat`, `sparkle`, `help`, `close`); decorative, hidden from assistive tech. */
export function icon(name: string): SVGSVGElement {
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(svgNs, 'path');
  path.setAttribute('d', paths[name] ?? paths.chat!);
  svg.append(path);
  return svg;
}

/**
 * What the launcher shows: a cross when open; otherwise the theme's icon
 * (the tenant logo for `logo`, falling back to the speech bubble if it has
 * none or it fails to load) and its optional text label. The image comes
 * only from the URL the server sent, without a referrer; its alt is empty
 * because the button itself carries the accessible name.
 */
export function launcherContent(open: boolean, theme: WidgetTheme | undefined): Node[] {
  if (open) return [icon('close')];
  const name = theme?.launcher?.icon ?? 'chat';
  const logo = theme?.brand?.logoUrl;
  const nodes: Node[] = [];
  if (name === 'logo' && logo) {
    const img = document.createElement('img');
    img.alt = '';
    img.referrerPolicy = 'no-referrer';
    img.src = logo;
    img.onerror = () => img.replaceWith(icon('chat'));
    nodes.push(img);
  } else nodes.push(icon(name));
  const label = theme?.launcher?.label;
  if (label) {
    const span = document.createElement('span');
    span.setAttribute('part', 'launcher-label');
    span.textContent = label;
    nodes.push(span);
  }
  return nodes;
}
