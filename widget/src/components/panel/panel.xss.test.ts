import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { api, reset, until } from '../../../test-support/fixtures';
import { xssBeaconHost, xssPayloads } from '../../../test-support/xss-payloads';
import { applyTheme } from '../../internal/theme';
import type { ParleyPanel } from './panel';
import './panel';

// Real traps: any payload that runs calls alert/confirm/prompt or requests xss.invalid.
const hits: string[] = [];
const original = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };
let observer: PerformanceObserver;

function arm() {
  window.alert = (message?: unknown) => void hits.push(`alert:${String(message)}`);
  window.confirm = (message?: string) => {
    hits.push(`confirm:${message}`);
    return false;
  };
  window.prompt = (message?: string) => {
    hits.push(`prompt:${message}`);
    return null;
  };
  observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name.includes(xssBeaconHost)) hits.push(`request:${entry.name}`);
    }
  });
  observer.observe({ type: 'resource', buffered: true });
}

function disarm() {
  Object.assign(window, original);
  observer.disconnect();
}

/** Elements and attributes that must never appear in rendered untrusted content. */
function dangerousNodes(root: ShadowRoot): string[] {
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName;
    if (
      [
        'script',
        'iframe',
        'object',
        'embed',
        'img',
        'style',
        'link',
        'meta',
        'base',
        'form',
      ].includes(tag)
    ) {
      if (el.closest('[part~="message-body"], [part~="citation"], [part~="greeting"]'))
        found.push(tag);
    }
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(`${tag}[${attr.name}]`);
      if (
        ['href', 'src', 'action', 'formaction'].includes(attr.name) &&
        /^\s*(javascript|data|vbscript):/i.test(attr.value)
      ) {
        found.push(`${tag}[${attr.name}=${attr.value}]`);
      }
    }
  }
  return found;
}

describe('<parley-panel> against XSS', () => {
  beforeEach(async () => {
    await reset();
    hits.length = 0;
    arm();
  });
  afterEach(disarm);

  it('has a corpus of at least 100 payloads', () => {
    expect(xssPayloads.length).to.be.at.least(100);
  });

  it('the trap is real: an inline handler in the page is caught', async () => {
    const img = document.createElement('img');
    img.setAttribute('onerror', "alert('control')");
    img.src = 'data:,not-an-image';
    document.body.append(img);
    await until(() => hits.includes('alert:control'));
    img.remove();
  });

  describe('when payloads arrive as model output and source titles', () => {
    it('renders them as inert text', async function () {
      this.timeout(30_000);
      const el = await fixture<ParleyPanel>(
        html`<parley-panel publishable-key="pk_test_xss" api=${api} mode="inline" style="height:400px"></parley-panel>`,
      );
      for (const payload of xssPayloads) await el.send(`echo:${payload}`);
      await aTimeout(300);
      const root = el.shadowRoot!;
      expect(root.querySelectorAll('[part~="message"][data-role="assistant"]').length).to.equal(
        xssPayloads.length,
      );
      expect(root.querySelector('[part~="error"]')).to.equal(null);
      expect(dangerousNodes(root)).to.deep.equal([]);
      const titles = [...root.querySelectorAll('[part~="citation"] a')].map((a) => a.textContent);
      expect(titles).to.deep.equal([...xssPayloads]);
      expect(hits).to.deep.equal([]);
    });
  });

  describe('when payloads arrive as config strings', () => {
    it('shows them as text in every place the config reaches', async () => {
      const el = await fixture<ParleyPanel>(
        html`<parley-panel publishable-key="pk_test_xss_cfg" api=${api} mode="bubble"></parley-panel>`,
      );
      for (const payload of xssPayloads) {
        el.config = {
          tenant: { name: payload, slug: payload },
          widget: {
            botName: payload,
            greeting: payload,
            placeholder: payload,
            starters: [payload],
          },
        };
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('[part~="greeting"]')!.textContent).to.equal(payload);
      }
      await aTimeout(300);
      expect(dangerousNodes(el.shadowRoot!)).to.deep.equal([]);
      expect(hits).to.deep.equal([]);
    });

    it('refuses them as theme values', async () => {
      const sheet = new CSSStyleSheet();
      const host = document.createElement('div');
      const root = host.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [sheet];
      const probe = document.createElement('span');
      probe.style.background = 'var(--parley-color-primary)';
      root.append(probe);
      document.body.append(host);
      for (const payload of xssPayloads) {
        applyTheme(sheet, { '--parley-color-primary': payload, '--parley-evil': 'red' });
        expect(sheet.cssRules[0]!.cssText).not.to.match(/url\(|expression|--parley-evil/i);
        getComputedStyle(probe).backgroundImage;
      }
      await aTimeout(300);
      host.remove();
      expect(hits).to.deep.equal([]);
    });
  });
});
