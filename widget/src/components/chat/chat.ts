import { defineElement } from '../../internal/define';
import { ParleyChat, type ParleyEventMap } from './chat.component';

export { ParleyChat, type ParleyEventMap };

defineElement('parley-chat', ParleyChat);

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat': ParleyChat;
  }
}
