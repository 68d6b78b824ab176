/**
 * Public surface of the widget package (the ES module build): importing it
 * defines `<parley-chat>` and `<parley-panel>`; the panel is code-split and
 * loaded on first open by the bundler's dynamic import.
 */
import { setPanelLoader } from './internal/panel-loader';

setPanelLoader(() => import('./components/panel/panel'));

export { ParleyChat, type ParleyEventMap } from './components/chat/chat';
export type { ParleyPanel } from './components/panel/panel.component';
export { type ParleyCloseDetail, ParleyCloseEvent } from './events/parley-close';
export { type ParleyErrorDetail, ParleyErrorEvent } from './events/parley-error';
export { type ParleyMessageDetail, ParleyMessageEvent } from './events/parley-message';
export { ParleyOpenEvent } from './events/parley-open';
export type { WidgetConfig } from './internal/config';
export type { Identity } from './internal/identity';
export { createParleyApi, type ParleyApi } from './internal/parley-api';
