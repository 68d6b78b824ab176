import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { api, deepActive, panelOf, part, reset, until } from '../../../test-support/fixtures';
import '../../index';
import type { ParleyChat } from './chat';

async function chat(attrs = '') {
  const el = await fixture<ParleyChat>(
    html`<parley-chat key="pk_test_x" api=${api} mode=${attrs || 'bubble'}></parley-chat>`,
  );
  return el;
}

async function opened(el: ParleyChat) {
  part(el, 'launcher')!.click();
  await until(() => panelOf(el) && deepActive() === part(el, 'input'), 'input focused');
}

describe('<parley-chat>', () => {
  // The open animation would leave geometry and colours mid-transition for the checks.
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));
  beforeEach(reset);
  afterEach(() => setViewport({ width: 800, height: 600 }));

  describe('when closed', () => {
    it('shows a labelled launcher and no panel', async () => {
      const el = await chat();
      const launcher = part(el, 'launcher')!;
      expect(launcher.getAttribute('aria-label')).to.equal('Open chat');
      expect(launcher.getAttribute('aria-expanded')).to.equal('false');
      expect(panelOf(el)).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('does not fetch the launcher extras chunk for a theme that uses none of it', async () => {
      const el = await chat();
      await until(
        () => getComputedStyle(part(el, 'launcher')!).backgroundColor === 'rgb(15, 118, 110)',
        'tenant theme applied',
      );
      const fetched = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes('launcher-extras'));
      expect(fetched).to.deep.equal([]);
      expect(part(el, 'launcher')!.querySelectorAll('svg, img, span')).to.have.length(1);
    });

    it('brands the launcher from the tenant config through :host variables', async () => {
      const el = await chat();
      await until(
        () => getComputedStyle(part(el, 'launcher')!).backgroundColor === 'rgb(15, 118, 110)',
        'tenant primary colour applied',
      );
      expect(el.getAttribute('style')).to.equal(null);
    });

    it('keeps the launcher in the viewport corner when the page transforms and blurs its body', async () => {
      const el = await chat();
      const where = () => JSON.stringify(part(el, 'launcher')!.getBoundingClientRect());
      const before = where();
      const style = document.createElement('style');
      style.textContent = 'body { transform: rotate(2deg) translateY(-40px); filter: blur(2px); }';
      document.head.append(style);
      try {
        expect(part(el, 'base')!.matches(':popover-open')).to.equal(true);
        expect(where()).to.equal(before);
      } finally {
        style.remove();
      }
    });

    it('lets the host page override a variable on the element', async () => {
      const el = await chat();
      el.style.setProperty('--parley-color-primary', 'rgb(200, 0, 0)');
      await until(
        () => getComputedStyle(part(el, 'launcher')!).backgroundColor === 'rgb(200, 0, 0)',
      );
    });
  });

  describe('when the launcher is clicked', () => {
    it('loads the panel, opens it as a modal dialog and focuses the input', async () => {
      const el = await chat();
      const openEvent = oneEvent(el, 'parley-open');
      await opened(el);
      await openEvent;
      const panel = panelOf(el)!;
      expect(panel.getAttribute('role')).to.equal('dialog');
      expect(panel.getAttribute('aria-modal')).to.equal('true');
      expect(panel.getAttribute('aria-label')).to.equal('Chat with Benefits bot');
      expect(part(el, 'launcher')!.getAttribute('aria-expanded')).to.equal('true');
      expect(part(el, 'launcher')!.getAttribute('aria-label')).to.equal('Close chat');
      await until(() => part(el, 'greeting')?.textContent === 'Hello from Northwind!');
      await expect(el).to.be.accessible();
    });
  });

  describe('when open and the user presses Escape', () => {
    it('closes, fires parley-close and gives focus back to the launcher', async () => {
      const el = await chat();
      await opened(el);
      const closeEvent = oneEvent(el, 'parley-close');
      await sendKeys({ press: 'Escape' });
      expect((await closeEvent).detail.reason).to.equal('escape');
      expect(el.hasAttribute('open')).to.equal(false);
      expect(panelOf(el)!.hidden).to.equal(true);
      expect(deepActive()).to.equal(part(el, 'launcher'));
    });
  });

  describe('when open and the user tabs', () => {
    it('keeps focus inside the dialog in both directions', async () => {
      const el = await chat();
      await opened(el);
      const panel = panelOf(el)!;
      const inside = () => panel.shadowRoot!.contains(deepActive());
      for (let i = 0; i < 8; i++) {
        await sendKeys({ press: 'Tab' });
        expect(inside(), `after ${i + 1} tabs`).to.equal(true);
      }
      for (let i = 0; i < 8; i++) {
        await sendKeys({ down: 'Shift' });
        await sendKeys({ press: 'Tab' });
        await sendKeys({ up: 'Shift' });
        expect(inside(), `after ${i + 1} shift-tabs`).to.equal(true);
      }
    });
  });

  describe('when driven by keyboard only', () => {
    it('opens with Enter, sends with Enter and closes from the close button', async () => {
      const el = await chat();
      part(el, 'launcher')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => deepActive() === part(el, 'input'));
      await sendKeys({ type: 'hello keys' });
      await sendKeys({ press: 'Enter' });
      await until(() => panelOf(el)!.shadowRoot!.textContent!.includes('You said: hello keys'));
      part(el, 'close')!.focus();
      await sendKeys({ press: 'Enter' });
      expect(el.hasAttribute('open')).to.equal(false);
      expect(deepActive()).to.equal(part(el, 'launcher'));
    });
  });

  describe('when inline', () => {
    it('renders the panel as a region without launcher or close button', async () => {
      const el = await chat('inline');
      await until(() => panelOf(el) && part(el, 'input'));
      expect(part(el, 'launcher')!.getClientRects().length).to.equal(0);
      expect(panelOf(el)!.getAttribute('role')).to.equal('region');
      expect(part(el, 'close')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe('when fullscreen or on a narrow screen', () => {
    it('covers the viewport and locks the page scroll while open', async () => {
      await setViewport({ width: 360, height: 640 });
      const el = await chat();
      await opened(el);
      const rect = panelOf(el)!.getBoundingClientRect();
      expect([rect.left, rect.top, rect.width]).to.deep.equal([0, 0, 360]);
      expect(document.documentElement.style.overflow).to.equal('hidden');
      await expect(el).to.be.accessible();
      el.close();
      expect(document.documentElement.style.overflow).to.equal('');
    });

    it('fullscreen mode covers the viewport on a wide screen too', async () => {
      const el = await chat('fullscreen');
      await opened(el);
      const rect = panelOf(el)!.getBoundingClientRect();
      expect([rect.left, rect.top, rect.width]).to.deep.equal([0, 0, 800]);
      el.close();
    });
  });

  describe('when the page uses the element API', () => {
    it('open(), send(), newConversation(), close() work and events reach on()', async () => {
      const el = await chat();
      const messages: string[] = [];
      const off = el.on('message', (event) =>
        messages.push(`${event.detail.role}:${event.detail.text}`),
      );
      await el.send('api hello');
      expect(messages).to.deep.equal(['user:api hello', 'assistant:You said: api hello']);
      off();
      await el.newConversation();
      await until(() => !panelOf(el)!.shadowRoot!.querySelector('[part~="message"]'));
      el.close();
      expect(el.hasAttribute('open')).to.equal(false);
    });

    it('identify() validates its argument', async () => {
      const el = await chat();
      expect(() => el.identify({ nope: 1 } as never)).to.throw(TypeError, /token/);
      el.identify({ userId: 'u1', userHash: 'ab'.repeat(16) });
    });
  });

  describe('when the locale is Arabic', () => {
    it('lays the widget out right to left with Arabic labels', async () => {
      const el = await chat();
      el.setLocale('ar');
      await opened(el);
      expect(part(el, 'base')!.getAttribute('dir')).to.equal('rtl');
      await until(() => part(el, 'input')!.getAttribute('aria-label') === 'رسالتك');
      const header = part(el, 'header')!.getBoundingClientRect();
      const title = part(el, 'title')!.getBoundingClientRect();
      const actions = part(el, 'header-actions')!.getBoundingClientRect();
      // RTL snapshot: the title sits at the right edge, the buttons at the left.
      expect(header.right - title.right).to.be.lessThan(20);
      expect(actions.left - header.left).to.be.lessThan(20);
      await expect(el).to.be.accessible();
    });
  });

  describe('when the page forces dark mode', () => {
    it('uses the tenant dark colours', async () => {
      const el = await chat();
      el.setAttribute('color-scheme', 'dark');
      await until(
        () => getComputedStyle(part(el, 'launcher')!).backgroundColor === 'rgb(94, 234, 212)',
      );
      await opened(el);
      await expect(el).to.be.accessible();
    });
  });

  describe('when two instances are on the page', () => {
    it('they work independently', async () => {
      const wrapper = await fixture<HTMLElement>(html`<div>
        <parley-chat key="pk_test_a" api=${api} mode="inline" style="height:400px"></parley-chat>
        <parley-chat key="pk_test_b" api=${api} mode="inline" style="height:400px"></parley-chat>
      </div>`);
      const [a, b] = [...wrapper.querySelectorAll('parley-chat')] as ParleyChat[];
      await a!.send('to a');
      await until(() => panelOf(b!));
      expect(panelOf(a!)!.shadowRoot!.textContent).to.contain('You said: to a');
      expect(panelOf(b!)!.shadowRoot!.textContent).not.to.contain('to a');
      await b!.send('to b');
      expect(panelOf(a!)!.shadowRoot!.textContent).not.to.contain('to b');
    });
  });
});
