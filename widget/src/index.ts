/**
 * Public surface of the widget package (the ES module build): importing it
 * defines `<parley-chat>` and `<parley-panel>`; the panel is code-split and
 * loaded on first open by the bundler's dynamic import, and so are the
 * launcher extras (label, icons, web font) when a theme uses them.
 */
import { setExtrasLoader } from './internal/extras-loader';
import { setPanelLoader } from './internal/panel-loader';

setPanelLoader(() => import('./components/panel/panel'));
setExtrasLoader(() => import('./internal/launcher-extras'));

export { ParleyChat, type ParleyEventMap } from './components/chat/chat';
export type { ParleyPanel } from './components/panel/panel.component';
export { type ParleyCloseDetail, ParleyCloseEvent } from './events/parley-close';
export { type ParleyErrorDetail, ParleyErrorEvent } from './events/parley-error';
export { type ParleyMessageDetail, ParleyMessageEvent } from './events/parley-message';
export { ParleyOpenEvent } from './events/parley-open';
export type { LauncherConfig, LauncherTheme } from './internal/config';
export type { Identity } from './internal/identity';
export type { WidgetConfig } from './internal/panel-config';
export { createParleyApi, type ParleyApi } from './internal/parley-api';
