import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { api, apiCalls, part, parts, reset, until } from '../../../test-support/fixtures';
import type { WidgetConfig } from '../../internal/panel-config';
import type { ParleyPanel } from './panel';
import './panel';

const config: WidgetConfig = {
  tenant: { name: 'Northwind', slug: 'demo' },
  widget: { botName: 'Bot', greeting: 'Hi there', starters: ['Starter one'], linkTarget: '_blank' },
};

async function panel(key = 'pk_test_panel') {
  const el = await fixture<ParleyPanel>(
    html`<parley-panel publishable-key=${key} api=${api} mode="inline" .config=${config}
      .retryBaseMs=${10} style="height: 500px"></parley-panel>`,
  );
  return el;
}

const text = (el: ParleyPanel) => el.shadowRoot!.textContent ?? '';
const answers = (el: ParleyPanel) =>
  parts(el, 'message').filter((m) => m.dataset.role === 'assistant');

describe('<parley-panel>', () => {
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  beforeEach(reset);

  describe('when empty', () => {
    it('shows the greeting and starter questions', async () => {
      const el = await panel();
      expect(part(el, 'greeting')!.textContent).to.equal('Hi there');
      expect(parts(el, 'starter').map((b) => b.textContent)).to.deep.equal(['Starter one']);
      await expect(el).to.be.accessible();
    });
  });

  describe('when the config body has fields of the wrong type or unsafe URLs', () => {
    it('checks each field it reads and falls back to the defaults', async () => {
      const body = {
        tenant: 5,
        widget: {
          greeting: 42,
          starters: 'ask me',
          botName: ['x'],
          placeholder: { evil: true },
          avatarUrl: 'javascript:alert(1)',
          poweredBy: 'no',
        },
        theme: { brand: { botName: 7, logoUrl: 'data:image/png;base64,AA' } },
      };
      const el = await fixture<ParleyPanel>(
        html`<parley-panel publishable-key="pk_test_panel" api=${api} mode="inline" .config=${body}
          style="height: 500px"></parley-panel>`,
      );
      expect(part(el, 'greeting')!.textContent).to.equal('Hi! How can I help you today?');
      expect(part(el, 'title')!.textContent).to.equal('Assistant');
      expect(parts(el, 'starter')).to.have.length(0);
      expect(part(el, 'logo')).to.equal(null);
      expect(part<HTMLTextAreaElement>(el, 'input')!.placeholder).to.not.include('object');
      expect(part(el, 'powered-by')).to.not.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe('when a starter is clicked', () => {
    it('sends it and hides the starters', async () => {
      const el = await panel();
      part(el, 'starter')!.click();
      await until(() => text(el).includes('You said: Starter one'));
      expect(parts(el, 'starter')).to.have.length(0);
    });
  });

  describe('when an answer streams', () => {
    it('shows the typing indicator first, then the answer with its citation', async () => {
      const el = await panel();
      const slow = el.send('slow please');
      await until(() => part(el, 'typing'), 'typing indicator', { interval: 2 });
      expect(part(el, 'typing')!.getAttribute('aria-hidden')).to.equal('true');
      // One pending bubble: the empty answer is not drawn next to the typing dots.
      expect(answers(el)).to.have.length(0);
      await until(() => !part(el, 'typing'), 'typing ends at the first token');
      el.stop();
      await slow;
      await el.send('hello');
      expect(part(el, 'typing')).to.equal(null);
      const answer = answers(el)[1]!;
      expect(answer.querySelector('[part~="message-body"]')!.textContent!.trim()).to.equal(
        'You said: hello',
      );
      const link = answer.querySelector<HTMLAnchorElement>('[part~="citation"] a')!;
      expect(link.textContent).to.equal('Benefits handbook');
      expect(link.rel).to.equal('noopener noreferrer');
      expect(link.target).to.equal('_blank');
      await expect(el).to.be.accessible();
    });

    it('announces the finished answer once in the polite live region', async () => {
      const el = await panel();
      const region = el.shadowRoot!.querySelector('[aria-live="polite"]')!;
      const seen: string[] = [];
      const observer = new MutationObserver(() => seen.push(region.textContent!.trim()));
      observer.observe(region, { subtree: true, childList: true, characterData: true });
      await el.send('hello');
      await until(() => region.textContent!.includes('You said'));
      observer.disconnect();
      expect(seen.filter((s) => s)).to.deep.equal(['Bot: You said: hello']);
      expect(part(el, 'messages')!.getAttribute('aria-live')).to.equal('off');
    });

    it('fires parley-message for the question and the answer', async () => {
      const el = await panel();
      const events: string[] = [];
      el.addEventListener('parley-message', (e) =>
        events.push(`${e.detail.role}:${e.detail.text}`),
      );
      await el.send('ping');
      expect(events).to.deep.equal(['user:ping', 'assistant:You said: ping']);
    });

    it('sends the visitor token and the conversation id', async () => {
      const el = await panel();
      await el.send('one');
      await el.send('two');
      const chats = (await apiCalls()).filter((c) => c.route === '/v1/chat');
      expect(chats[0]!.visitor).to.match(/^v_[0-9a-f]{32}$/);
      expect(chats[1]!.visitor).to.equal(chats[0]!.visitor);
      expect(chats[1]!.body!.conversationId).to.equal('c1');
    });
  });

  describe('when the connection drops mid-answer', () => {
    it('reconnects with Last-Event-ID and completes without duplication', async () => {
      const el = await panel();
      await el.send('drop please');
      expect(answers(el)[0]!.querySelector('[part~="message-body"]')!.textContent!.trim()).to.equal(
        'You said: drop please',
      );
      const chats = (await apiCalls()).filter((c) => c.route === '/v1/chat');
      expect(chats).to.have.length(2);
      expect(chats[1]!.lastEventId).to.match(/^m-[0-9a-f]+-\d+:[1-3]$/);
      expect(part(el, 'error')).to.equal(null);
    });

    it('retries a 503 with backoff until it succeeds', async () => {
      const el = await panel();
      await el.send('down please');
      expect(text(el)).to.contain('You said: down please');
      expect((await apiCalls()).filter((c) => c.route === '/v1/chat')).to.have.length(3);
    });
  });

  describe('when the user presses Stop', () => {
    it('aborts the stream, keeps the partial answer and tells the server', async () => {
      const el = await panel();
      const done = el.send('slow please');
      await until(() => answers(el)[0]?.textContent?.includes('w2'), 'some tokens');
      expect(part(el, 'stop')!.getAttribute('aria-label')).to.equal('Stop');
      part(el, 'stop')!.click();
      await done;
      await until(() => part(el, 'send'));
      const answer = answers(el)[0]!;
      expect(answer.dataset.status).to.equal('stopped');
      expect(answer.textContent).to.contain('Stopped.');
      expect(answer.textContent).not.to.contain('w199');
      await until(async () => (await apiCalls()).some((c) => c.route.endsWith('/stop')));
      await expect(el).to.be.accessible();
    });
  });

  describe('when the server refuses', () => {
    it('shows a friendly localised error, fires parley-error, and Retry resends', async () => {
      const el = await panel();
      el.locale = 'es';
      const failed = oneEvent(el, 'parley-error');
      void el.send('fail please');
      expect((await failed).detail.code).to.equal('PARLEY_CHAT_QUOTA_EXCEEDED');
      await until(() => part(el, 'error'));
      expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
      await until(() => part(el, 'error')!.textContent!.includes('límite de mensajes'));
      await expect(el).to.be.accessible();
      part(el, 'retry')!.click();
      await until(
        async () => (await apiCalls()).filter((c) => c.route === '/v1/chat').length === 2,
      );
    });

    it('maps a forbidden origin to its own message', async () => {
      const el = await panel();
      await el.send('origin please');
      expect(part(el, 'error')!.textContent).to.contain('not allowed to use this assistant');
    });

    it('shows a stream error event as an interrupted answer', async () => {
      const el = await panel();
      await el.send('error please');
      expect(part(el, 'error')!.textContent).to.contain('Something went wrong');
      expect(answers(el)[0]!.dataset.status).to.equal('stopped');
    });
  });

  describe('when an answer is rated', () => {
    it('sends thumbs up, and thumbs down with an optional comment', async () => {
      const el = await panel();
      await el.send('first');
      const [up] = answers(el)[0]!.querySelectorAll<HTMLButtonElement>('.vote');
      up!.click();
      await until(() => answers(el)[0]!.textContent!.includes('Thanks for your feedback'));
      await el.send('second');
      const [, down] = answers(el)[1]!.querySelectorAll<HTMLButtonElement>('.vote');
      down!.click();
      await until(() => answers(el)[1]!.querySelector('textarea'));
      await expect(el).to.be.accessible();
      answers(el)[1]!.querySelector('textarea')!.value = 'Too vague';
      answers(el)[1]!.querySelector<HTMLButtonElement>('.comment button')!.click();
      await until(
        async () => (await apiCalls()).filter((c) => c.route.endsWith('/feedback')).length === 2,
      );
      const feedback = (await apiCalls()).filter((c) => c.route.endsWith('/feedback'));
      expect(feedback.map((c) => c.body)).to.deep.equal([
        { rating: 'up' },
        { rating: 'down', comment: 'Too vague' },
      ]);
    });
  });

  describe('when the interface is right-to-left', () => {
    it('lays out each text by its own direction (an English answer stays left-to-right)', async () => {
      const el = await panel('pk_test_rtl');
      el.locale = 'ar';
      await el.send('hello.');
      const base = part(el, 'base')!;
      const body = answers(el)[0]!.querySelector('[part~="message-body"]')!;
      expect(getComputedStyle(base).direction).to.equal('rtl');
      expect(getComputedStyle(body).direction).to.equal('ltr');
      expect(getComputedStyle(part(el, 'greeting')!).direction).to.equal('ltr');
    });
  });

  describe('when the answer is Markdown', () => {
    it('renders lists, code, tables and safe links', async () => {
      const el = await panel();
      const md =
        '**Plan**\n\n- one\n- two\n\n`code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[site](https://example.com) [bad](javascript:alert(1))';
      await el.send(`echo:${md}`);
      const body = answers(el)[0]!.querySelector('[part~="message-body"]')!;
      expect(body.querySelectorAll('li')).to.have.length(2);
      expect(body.querySelector('strong')!.textContent).to.equal('Plan');
      expect(body.querySelector('code')!.textContent).to.equal('code');
      expect(body.querySelector('table td')!.textContent).to.equal('1');
      const links = [...body.querySelectorAll('a')];
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.com', null]);
      expect(links[0]!.rel).to.equal('noopener noreferrer');
      await expect(el).to.be.accessible();
    });
  });

  describe('when the page reloads', () => {
    it('restores the conversation for the same key and user, and New chat clears it', async () => {
      const first = await panel('pk_test_keep');
      await first.send('remember me');
      first.remove();
      const second = await panel('pk_test_keep');
      expect(text(second)).to.contain('You said: remember me');
      const other = await panel('pk_test_other');
      expect(text(other)).not.to.contain('remember me');
      part(second, 'new-chat')!.click();
      await until(() => !text(second).includes('remember me'));
      const third = await panel('pk_test_keep');
      expect(text(third)).not.to.contain('remember me');
    });

    it('keeps a stopped answer marked as stopped', async () => {
      const first = await panel('pk_test_stopped');
      const done = first.send('slow please');
      await until(() => answers(first)[0]?.textContent?.includes('w2'), 'some tokens');
      first.stop();
      await done;
      first.remove();
      const second = await panel('pk_test_stopped');
      expect(answers(second)[0]!.dataset.status).to.equal('stopped');
      expect(answers(second)[0]!.textContent).to.contain('Stopped.');
    });

    it('does not show one user the previous user’s conversation', async () => {
      const el = await panel('pk_test_users');
      el.identity = { userId: 'alice', userHash: 'ab'.repeat(16) };
      await el.send('alice question');
      el.identity = { userId: 'bob', userHash: 'cd'.repeat(16) };
      await until(() => !text(el).includes('alice question'));
      const chats = (await apiCalls()).filter((c) => c.route === '/v1/chat');
      expect(chats[0]!.body!.identity).to.deep.equal({
        userId: 'alice',
        userHash: 'ab'.repeat(16),
      });
    });

    it('keeps an answer that was streaming when the user changed as the previous user’s', async () => {
      const el = await panel('pk_test_switch');
      el.identity = { userId: 'alice', userHash: 'ab'.repeat(16) };
      const done = el.send('slow please');
      await until(() => answers(el)[0]?.textContent?.includes('w2'), 'some tokens');
      el.identity = { userId: 'bob', userHash: 'cd'.repeat(16) };
      await done;
      await until(() => !text(el).includes('slow please'), 'bob sees his own conversation');
      const stored = JSON.parse(localStorage.getItem('parley:v1:pk_test_switch:conversation')!);
      expect(stored.owner).to.equal('user:alice');
      expect(stored.messages.map((m: { text: string }) => m.text)[0]).to.equal('slow please');
      // Reopened as Bob: nothing of Alice's.
      el.remove();
      const again = await fixture<ParleyPanel>(
        html`<parley-panel publishable-key="pk_test_switch" api=${api} mode="inline" .config=${config}
          .identity=${{ userId: 'bob', userHash: 'cd'.repeat(16) }} style="height: 500px"></parley-panel>`,
      );
      expect(text(again)).not.to.contain('slow please');
    });
  });
});
