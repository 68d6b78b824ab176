import { defineElement } from '../../internal/define';
import { ParleyChat } from './chat.component';

export { ParleyChat };

defineElement('parley-chat', ParleyChat);

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat': ParleyChat;
  }
}
