import { defineElement } from '../../internal/define';
import { ParleyPanel } from './panel.component';

export { ParleyPanel };

defineElement('parley-panel', ParleyPanel);

declare global {
  interface HTMLElementTagNameMap {
    'parley-panel': ParleyPanel;
  }
}
