import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { ParleyErrorEvent } from '../../events/parley-error';
import type { ParleyChat } from './chat';
import './chat';

const api = `${window.location.origin}/test-api`;

function part(el: ParleyChat, name: string): HTMLElement {
  return el.shadowRoot!.querySelector(`[part~="${name}"]`) as HTMLElement;
}

describe('<parley-chat>', () => {
  describe('when closed', () => {
    it('shows a labelled launcher and hides the panel', async () => {
      const el = await fixture<ParleyChat>(
        html`<parley-chat key="pk_test_x" api=${api}></parley-chat>`,
      );
      expect(part(el, 'launcher').getAttribute('aria-label')).to.equal('Open chat');
      expect(part(el, 'launcher').getAttribute('aria-expanded')).to.equal('false');
      expect(part(el, 'panel').hidden).to.equal(true);
      await expect(el).to.be.accessible();
    });
  });

  describe('when the launcher is clicked', () => {
    it('opens the panel and focuses the input', async () => {
      const el = await fixture<ParleyChat>(
        html`<parley-chat key="pk_test_x" api=${api}></parley-chat>`,
      );
      part(el, 'launcher').click();
      await waitUntil(() => el.open && el.shadowRoot!.activeElement === part(el, 'input'));
      expect(part(el, 'panel').hidden).to.equal(false);
      expect(part(el, 'launcher').getAttribute('aria-expanded')).to.equal('true');
      await expect(el).to.be.accessible();
    });
  });

  describe('when a message is sent', () => {
    it('streams the reply into an assistant message', async () => {
      const el = await fixture<ParleyChat>(
        html`<parley-chat key="pk_test_x" api=${api} open></parley-chat>`,
      );
      await el.send('hello there');
      const messages = [...el.shadowRoot!.querySelectorAll('[part~="message"]')];
      expect(messages.map((m) => (m as HTMLElement).dataset.role)).to.deep.equal([
        'user',
        'assistant',
      ]);
      expect(messages[1]!.textContent).to.equal('You said: hello there');
      await expect(el).to.be.accessible();
    });
  });

  describe('when the server refuses', () => {
    it('shows the error and fires parley-error with its code', async () => {
      const el = await fixture<ParleyChat>(
        html`<parley-chat key="pk_test_x" api=${api} open></parley-chat>`,
      );
      const errorEvent = oneEvent(el, 'parley-error') as Promise<ParleyErrorEvent>;
      void el.send('fail please');
      const event = await errorEvent;
      expect(event.detail.code).to.equal('PARLEY_CHAT_QUOTA_EXCEEDED');
      await waitUntil(() => el.shadowRoot!.querySelector('[data-role="error"]'));
      expect(el.shadowRoot!.querySelector('[data-role="error"]')!.textContent).to.contain(
        'used its messages',
      );
    });
  });
});
