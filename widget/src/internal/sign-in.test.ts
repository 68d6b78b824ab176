import { expect, fixture, html } from '@open-wc/testing';
import { api, apiCalls, part, reset, until } from '../../test-support/fixtures';
import type { ParleyPanel } from '../components/panel/panel';
import '../components/panel/panel';

const withSignIn = (loginPath: unknown = '/auth/saml/demo/login') => ({
  tenant: { name: 'Northwind', slug: 'demo' },
  widget: { botName: 'Bot', greeting: 'Hi there' },
  sso: { loginPath },
});

async function panel(config: unknown = withSignIn(), key = 'pk_test_sso') {
  return fixture<ParleyPanel>(
    html`<parley-panel publishable-key=${key} api=${api} mode="inline" .config=${config}
      style="height: 500px"></parley-panel>`,
  );
}

const bar = (el: ParleyPanel) => part(el, 'account');
const storedSignIn = () =>
  JSON.parse(localStorage.getItem('parley:v1:pk_test_sso:sign-in') ?? 'null');

/** Records the popups the widget opens (and lets a test refuse them, as a blocker would). */
function watchPopups(block = false) {
  const opened: { url: string; popup: Window | null }[] = [];
  const realOpen = window.open;
  window.open = (url?: string | URL, target?: string, features?: string) => {
    const popup = block ? null : realOpen.call(window, url, target, features);
    opened.push({ url: String(url), popup });
    return popup;
  };
  return { opened, restore: () => (window.open = realOpen) };
}

describe('company sign-in in the widget', () => {
  beforeEach(reset);

  it('is not offered when the config has no sign-in, or a login path that is not the server’s SAML route', async () => {
    for (const config of [
      { tenant: { name: 'Northwind', slug: 'demo' }, widget: {} },
      withSignIn('https://evil.example/auth/saml/demo/login'),
      withSignIn('//evil.example/auth/saml/demo/login'),
      withSignIn('/auth/saml/../../logout/login'),
      withSignIn(42),
    ]) {
      const el = await panel(config);
      await new Promise((r) => setTimeout(r, 50));
      expect(bar(el), JSON.stringify(config)).to.equal(null);
    }
  });

  it('offers an accessible sign-in button between the header and the conversation', async () => {
    const el = await panel();
    await until(() => part(el, 'sign-in'), 'sign-in button');
    expect(part(el, 'sign-in')!.textContent).to.equal('Sign in with your company account');
    expect(bar(el)!.previousElementSibling).to.equal(part(el, 'header'));
    await expect(el).to.be.accessible();
  });

  it('signs in through the popup: the panel asks as the verified user and says who is signed in', async () => {
    const popups = watchPopups();
    try {
      const el = await panel();
      await until(() => part(el, 'sign-in'), 'sign-in button');
      part(el, 'sign-in')!.click();
      expect(popups.opened).to.have.length(1);
      const url = new URL(popups.opened[0]!.url);
      expect(url.pathname).to.equal('/test-api/auth/saml/demo/login');
      expect(url.searchParams.get('widget')).to.equal(location.origin);
      await until(() => part(el, 'signed-in'), 'signed in');
      expect(part(el, 'signed-in')!.textContent).to.equal('Signed in as Ada Lovelace');
      expect(part(el, 'sign-out')!.textContent).to.equal('Sign out');
      expect(el.identity).to.deep.equal({ token: storedSignIn().token });
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'input'));
      await expect(el).to.be.accessible();

      await el.send('Who am I?');
      const chat = (await apiCalls()).find((c) => c.route === '/v1/chat')!;
      expect(chat.body!.identity).to.deep.equal({ token: storedSignIn().token });
      expect(chat.identity).to.equal(storedSignIn().token);
    } finally {
      popups.restore();
    }
  });

  it('ignores identity messages from another origin or another window', async () => {
    const popups = watchPopups();
    try {
      const el = await panel(withSignIn('/auth/saml/cancel/login'));
      await until(() => part(el, 'sign-in'), 'sign-in button');
      part(el, 'sign-in')!.click();
      const popup = popups.opened[0]!.popup!;
      const forged = { type: 'parley:identity', token: 'a.b.c', user: { name: 'Mallory' } };
      window.dispatchEvent(
        new MessageEvent('message', {
          data: forged,
          origin: 'https://evil.example',
          source: popup,
        }),
      );
      window.dispatchEvent(
        new MessageEvent('message', { data: forged, origin: location.origin, source: window }),
      );
      await new Promise((r) => setTimeout(r, 50));
      expect(el.identity).to.equal(undefined);
      expect(storedSignIn()).to.equal(null);
      // The popup closes without signing in: the button comes back, without the waiting note.
      await until(() => part(el, 'sign-in') && !part(el, 'sign-in-status'), 'idle again', {
        timeout: 3000,
      });
    } finally {
      popups.restore();
    }
  });

  it('says so when the popup is blocked', async () => {
    const popups = watchPopups(true);
    try {
      const el = await panel();
      await until(() => part(el, 'sign-in'), 'sign-in button');
      part(el, 'sign-in')!.click();
      await until(() => part(el, 'sign-in-status'), 'status');
      expect(part(el, 'sign-in-status')!.getAttribute('role')).to.equal('status');
      expect(part(el, 'sign-in-status')!.textContent).to.include('blocked');
      expect(el.identity).to.equal(undefined);
    } finally {
      popups.restore();
    }
  });

  it('stays signed in on the next page, where the server’s latest conversation follows the user', async () => {
    const popups = watchPopups();
    try {
      const first = await panel();
      await until(() => part(first, 'sign-in'), 'sign-in button');
      part(first, 'sign-in')!.click();
      await until(() => part(first, 'signed-in'), 'signed in');
      first.remove();
    } finally {
      popups.restore();
    }
    // A new device: nothing of the conversation is stored, only the sign-in.
    localStorage.removeItem('parley:v1:pk_test_sso:conversation');
    const el = await panel();
    await until(() => part(el, 'signed-in'), 'signed in from storage');
    await until(() => el.shadowRoot!.textContent!.includes('Earlier question'), 'history');
    const calls = await apiCalls();
    const list = calls.find((c) => c.route === '/v1/conversations')!;
    expect(list.identity).to.equal(storedSignIn().token);
    expect(calls.some((c) => c.route === '/v1/conversations/c-latest/messages')).to.equal(true);
  });

  it('signs out: back to the anonymous visitor, whose owner token is not the user’s', async () => {
    const popups = watchPopups();
    let el: ParleyPanel;
    try {
      el = await panel();
      await until(() => part(el, 'sign-in'), 'sign-in button');
      part(el, 'sign-in')!.click();
      await until(() => part(el, 'signed-in'), 'signed in');
    } finally {
      popups.restore();
    }
    await el.send('As Ada');
    part(el, 'sign-out')!.click();
    await until(() => part(el, 'sign-in'), 'sign-in button again');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'sign-in'));
    expect(el.identity).to.equal(undefined);
    expect(storedSignIn()).to.equal(null);
    expect(el.shadowRoot!.textContent).to.not.include('As Ada');
    await el.send('Anonymous again');
    const [asUser, asVisitor] = (await apiCalls()).filter((c) => c.route === '/v1/chat');
    expect(asVisitor!.body!.identity).to.equal(undefined);
    expect(asVisitor!.identity).to.equal('');
    expect(asVisitor!.visitor).to.not.equal(asUser!.visitor);
  });

  it('asks to sign in again when the server refuses the sign-in, keeping nothing of it', async () => {
    const popups = watchPopups();
    let el: ParleyPanel;
    try {
      el = await panel(withSignIn('/auth/saml/revoked/login'));
      await until(() => part(el, 'sign-in'), 'sign-in button');
      part(el, 'sign-in')!.click();
      await until(() => part(el, 'signed-in'), 'signed in');
    } finally {
      popups.restore();
    }
    await el.send('Am I still signed in?');
    await until(() => part(el, 'sign-in-status'), 'expired note');
    expect(part(el, 'sign-in-status')!.textContent).to.equal(
      'Your sign-in has expired. Sign in again to go on.',
    );
    expect(el.identity).to.equal(undefined);
    expect(storedSignIn()).to.equal(null);
    expect(part(el, 'error')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.not.include('Am I still signed in?');
    // The refused user's question was not saved as the anonymous visitor's conversation.
    const stored = JSON.parse(localStorage.getItem('parley:v1:pk_test_sso:conversation') ?? 'null');
    expect(stored?.owner ?? 'user:revoked@northwind.example').to.equal(
      'user:revoked@northwind.example',
    );
    await expect(el).to.be.accessible();
  });

  it('stays out of the way when the host page identified the user itself', async () => {
    const el = await panel();
    el.identity = { userId: 'u-1', userHash: 'a'.repeat(64) };
    await new Promise((r) => setTimeout(r, 100));
    expect(bar(el)!.hidden).to.equal(true);
    expect(part(el, 'sign-in')).to.equal(null);
  });
});
