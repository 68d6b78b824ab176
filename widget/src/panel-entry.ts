/** Entry of the lazily loaded panel chunk in the CDN build: defines <parley-panel>. */
import './components/panel/panel';

/** Marks the chunk as loaded (an entry needs an export to keep its signature). */
export const panelLoaded = true;
