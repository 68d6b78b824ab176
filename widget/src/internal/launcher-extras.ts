/**
 * The launcher-extras chunk (see extras-loader.ts): loaded only when a
 * tenant theme asks for a label, a non-default icon, the logo as icon or a
 * web font. Everything from the theme is rendered as text or as an image
 * URL that config.ts already restricted to absolute web URLs.
 */
import { icon, iconPaths } from '../components/chat/chat.template';
import type { LauncherTheme } from './config';
import type { LauncherExtras } from './extras-loader';
import { loadWebFont } from './font';
import { extrasCss } from './launcher-extras.styles';

// Whole-number paths, like the loader's.
const paths: Record<string, string> = {
  sparkle: 'M12 1l3 8 8 3-8 3-3 8-3-8-8-3 8-3z',
  help: 'M11 18h2v2h-2zM12 3a5 5 0 0 0-5 5h2a3 3 0 1 1 4 3c-1 .5-2 1.5-2 3v1h2v-1c0-1 1-1.5 2-2a5 5 0 0 0-3-9z',
};

const styles = new CSSStyleSheet();
styles.replaceSync(extrasCss);

/**
 * The theme's icon (the tenant logo for `logo`, falling back to the speech
 * bubble if there is none or it fails to load) and its optional text label.
 * The logo loads without a referrer; its alt is empty because the button
 * itself carries the accessible name.
 */
function content(theme: LauncherTheme): Node[] {
  const name = theme.launcher.icon ?? 'chat';
  const nodes: Node[] = [];
  if (name === 'logo' && theme.logoUrl) {
    const img = document.createElement('img');
    img.alt = '';
    img.referrerPolicy = 'no-referrer';
    img.src = theme.logoUrl;
    img.onerror = () => img.replaceWith(icon(iconPaths.chat));
    nodes.push(img);
  } else nodes.push(icon(paths[name] ?? iconPaths.chat));
  const label = theme.launcher.label;
  if (label) {
    const span = document.createElement('span');
    span.setAttribute('part', 'launcher-label');
    span.textContent = label;
    nodes.push(span);
  }
  return nodes;
}

/** The extras, as `<parley-chat>` uses them once this chunk has loaded. */
export const extras: LauncherExtras = { styles, content, loadFont: loadWebFont };
