import { expect, fixture, html } from '@open-wc/testing';
import { defaultTheme, themeToCss } from '@parley/theme-kit';
import { emulateMedia } from '@web/test-runner-commands';
import {
  api,
  deepActive,
  panelOf,
  part,
  parts,
  reset,
  until,
} from '../../../test-support/fixtures';
import '../../index';
import type { ParleyChat } from './chat';
import { chatCss } from './chat.styles';

// Keys the fake API answers with a whole theme block (test-support/fake-chat-api.mjs).
async function chat(key: string) {
  return fixture<ParleyChat>(html`<parley-chat key=${key} api=${api}></parley-chat>`);
}

async function opened(el: ParleyChat) {
  part(el, 'launcher')!.click();
  await until(() => panelOf(el) && deepActive() === part(el, 'input'), 'input focused');
}

const launcherPath = (el: ParleyChat) =>
  part(el, 'launcher')!.querySelector('path')?.getAttribute('d') ?? null;

describe('<parley-chat> with a tenant theme', () => {
  before(() => emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' }));
  beforeEach(reset);

  describe('when the theme gives the launcher a label, a shape, an icon and a corner', () => {
    it('shows the label as the accessible name, in the rounded shape, bottom-left', async () => {
      const el = await chat('pk_test_brand');
      const launcher = part(el, 'launcher')!;
      await until(() => part(el, 'launcher-label')?.textContent === 'Ask HR', 'label shown');
      expect(launcher.getAttribute('aria-label')).to.equal('Ask HR');
      expect(launcher.getAttribute('aria-expanded')).to.equal('false');
      // Rounded: 30% of the 56px height, as a length so the wide button is not an ellipse.
      expect(getComputedStyle(launcher).borderTopLeftRadius).to.equal('16.8px');
      const box = launcher.getBoundingClientRect();
      expect(box.width).to.be.greaterThan(box.height);
      expect(box.left).to.be.lessThan(window.innerWidth / 2);
      expect(launcherPath(el)).to.equal('M12 1l3 8 8 3-8 3-3 8-3-8-8-3 8-3z');
      await expect(el).to.be.accessible();
    });

    it('grows from the plain launcher into the labelled one with a short transition', async () => {
      await emulateMedia({ reducedMotion: 'no-preference' });
      try {
        const el = await chat('pk_test_brand');
        await until(() => part(el, 'launcher-label'), 'label shown');
        const launcher = getComputedStyle(part(el, 'launcher')!);
        expect(launcher.transitionProperty).to.include('inline-size');
        expect(launcher.getPropertyValue('interpolate-size')).to.equal('allow-keywords');
        expect(getComputedStyle(part(el, 'launcher-label')!).transitionProperty).to.equal(
          'opacity',
        );
      } finally {
        await emulateMedia({ reducedMotion: 'reduce' });
      }
      // Reduced motion: the extras sheet turns its own transitions off too.
      const el = await chat('pk_test_brand');
      await until(() => part(el, 'launcher-label'), 'label shown');
      expect(getComputedStyle(part(el, 'launcher')!).transitionProperty).to.equal('none');
      expect(getComputedStyle(part(el, 'launcher-label')!).transitionProperty).to.equal('none');
    });

    it('turns into a labelled close button while open, and back', async () => {
      const el = await chat('pk_test_brand');
      await until(() => part(el, 'launcher-label'), 'label shown');
      await opened(el);
      const launcher = part(el, 'launcher')!;
      expect(launcher.getAttribute('aria-label')).to.equal('Close chat');
      expect(part(el, 'launcher-label')).to.equal(null);
      // The panel opens on the launcher's side.
      expect(panelOf(el)!.getBoundingClientRect().left).to.be.lessThan(window.innerWidth / 2);
      launcher.click();
      await until(() => part(el, 'launcher-label')?.textContent === 'Ask HR', 'label back');
      expect(launcher.getAttribute('aria-label')).to.equal('Ask HR');
    });

    it('shows the tenant logo as the icon, without a referrer, and falls back if it fails', async () => {
      const el = await chat('pk_test_logo');
      await until(() => part(el, 'launcher')!.querySelector('img'), 'logo icon');
      const img = part(el, 'launcher')!.querySelector('img')!;
      expect(img.src).to.equal(`${window.location.origin}/test-api/logo.svg`);
      expect(img.alt).to.equal('');
      expect(img.referrerPolicy).to.equal('no-referrer');
      expect(part(el, 'launcher')!.getAttribute('aria-label')).to.equal('Open chat');
      await until(() => img.complete && img.naturalWidth > 0, 'logo loaded');
      await expect(el).to.be.accessible();
      el.setTheme({ launcher: { icon: 'logo' }, brand: { logoUrl: `${api}/missing.png` } });
      await until(() => launcherPath(el)?.startsWith('M4 4h16'), 'falls back to the chat icon');
    });
  });

  describe('when the theme names the assistant and gives a logo and an avatar', () => {
    it('uses the name in the header, the dialog and for screen readers, with the images beside it', async () => {
      const el = await chat('pk_test_brand');
      await until(() => part(el, 'launcher-label'), 'config applied');
      await opened(el);
      const panel = panelOf(el)!;
      expect(part(el, 'title')!.textContent).to.equal('Benefits Buddy');
      expect(panel.getAttribute('aria-label')).to.equal('Chat with Benefits Buddy');
      const logo = part<HTMLImageElement>(el, 'logo')!;
      expect(logo.src).to.equal(`${window.location.origin}/test-api/logo.svg`);
      expect(logo.alt).to.equal('Northwind');
      expect(logo.referrerPolicy).to.equal('no-referrer');
      await panel.send('hello there');
      const answer = parts(el, 'message').find((m) => m.dataset.role === 'assistant')!;
      await until(() => answer.dataset.status === 'done', 'answer done');
      const avatar = answer.querySelector<HTMLImageElement>('[part~="avatar"]')!;
      expect(avatar.src).to.equal(`${window.location.origin}/test-api/avatar.svg`);
      expect(avatar.alt).to.equal('');
      expect(avatar.referrerPolicy).to.equal('no-referrer');
      expect(answer.querySelector('.sr-only')!.textContent).to.equal('Benefits Buddy:');
      const user = parts(el, 'message').find((m) => m.dataset.role === 'user')!;
      expect(user.querySelector('[part~="avatar"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('hides an image that fails to load instead of showing a broken icon', async () => {
      const el = await chat('pk_test_brand');
      await until(() => part(el, 'launcher-label'), 'config applied');
      el.setTheme({ brand: { botName: 'Draft bot', logoUrl: `${api}/missing.png` } });
      await opened(el);
      expect(part(el, 'title')!.textContent).to.equal('Draft bot');
      await until(() => part(el, 'logo')!.hidden, 'broken logo hidden');
      await expect(el).to.be.accessible();
    });
  });

  describe('when the theme forces a colour scheme', () => {
    it('stays dark for a visitor who prefers light', async () => {
      const el = await chat('pk_test_dark');
      const launcher = part(el, 'launcher')!;
      await until(() => getComputedStyle(launcher).backgroundColor === 'rgb(94, 234, 212)');
      expect(getComputedStyle(part(el, 'base')!).colorScheme).to.equal('dark');
      await opened(el);
      expect(getComputedStyle(panelOf(el)!).backgroundColor).to.equal('rgb(19, 24, 34)');
      await expect(el).to.be.accessible();
    });

    it('stays light for a visitor who prefers dark, even if the page asks for dark', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      try {
        const el = await chat('pk_test_light');
        el.setAttribute('color-scheme', 'dark');
        await until(() => getComputedStyle(part(el, 'base')!).colorScheme === 'light');
        expect(getComputedStyle(part(el, 'launcher')!).backgroundColor).to.equal(
          'rgb(15, 118, 110)',
        );
        await expect(el).to.be.accessible();
      } finally {
        await emulateMedia({ colorScheme: 'light' });
      }
    });

    it('applies the dark values of an auto theme only when the visitor prefers dark', async () => {
      const el = await chat('pk_test_x');
      const launcher = part(el, 'launcher')!;
      await until(() => getComputedStyle(launcher).backgroundColor === 'rgb(15, 118, 110)');
      await emulateMedia({ colorScheme: 'dark' });
      try {
        await until(() => getComputedStyle(launcher).backgroundColor === 'rgb(94, 234, 212)');
      } finally {
        await emulateMedia({ colorScheme: 'light' });
      }
    });
  });

  describe('when the theme has a web font', () => {
    it('adds its stylesheet to the page once, without a referrer, and drops it when it fails', async () => {
      const added: HTMLLinkElement[] = [];
      const observer = new MutationObserver((records) => {
        for (const record of records)
          for (const node of record.addedNodes)
            if (node instanceof HTMLLinkElement && 'parleyFont' in node.dataset) added.push(node);
      });
      observer.observe(document.head, { childList: true });
      const url = 'https://fonts.example.invalid/css2?family=Inter';
      try {
        const el = await chat('pk_test_x');
        el.setTheme({ fontUrl: url });
        el.setTheme({ fontUrl: url, launcher: { label: 'Again' } });
        await until(() => added.length > 0, 'font stylesheet added');
        expect(added).to.have.length(1);
        expect(added[0]!.href).to.equal(url);
        expect(added[0]!.rel).to.equal('stylesheet');
        expect(added[0]!.referrerPolicy).to.equal('no-referrer');
        // No network in tests: the stylesheet fails, and the widget keeps its fallback fonts.
        await until(() => !added[0]!.isConnected, 'failed stylesheet removed', { timeout: 10_000 });
        expect(part(el, 'launcher-label')!.textContent).to.equal('Again');
      } finally {
        observer.disconnect();
      }
    });

    it('ignores a font that is not https and brand images that are not web URLs', async () => {
      const el = await chat('pk_test_x');
      el.setTheme({
        fontUrl: 'http://fonts.example.invalid/x.css',
        launcher: { icon: 'logo', label: '<img src=x onerror=alert(1)>' },
        brand: { logoUrl: 'javascript:alert(1)', avatarUrl: 'data:image/svg+xml,<svg/>' },
      });
      // The label comes with the launcher extras chunk, which may still be loading.
      await until(() => part(el, 'launcher-label'), 'label shown');
      expect(document.head.querySelector('link[data-parley-font]')).to.equal(null);
      expect(part(el, 'launcher')!.querySelector('img')).to.equal(null);
      // Text, cut to theme-kit's 24 characters.
      expect(part(el, 'launcher-label')!.textContent).to.equal('<img src=x onerror=alert');
      await opened(el);
      expect(part(el, 'logo')).to.equal(null);
    });
  });

  describe('when no theme is loaded', () => {
    it('uses theme-kit’s default values, in light and in dark', async () => {
      const el = await fixture<ParleyChat>(html`<parley-chat></parley-chat>`);
      const css = themeToCss(defaultTheme());
      const names = [
        ...chatCss.slice(0, chatCss.indexOf('}')).matchAll(/(--parley-[a-z-]+):/g),
      ].map((m) => m[1]!);
      expect(names.length).to.be.greaterThan(10);
      // Each value is resolved by the browser on a probe, so `#fff` and `#ffffff` compare equal.
      const probe = document.createElement('span');
      const reference = document.createElement('span');
      // In the shadow root: it inherits the host's variables (an unslotted child has no style).
      el.shadowRoot!.append(probe);
      document.body.append(reference);
      const resolve = (target: HTMLElement, scheme: string, value: string) => {
        target.style.cssText = `display: block; position: relative; color-scheme: ${scheme}; color: ${value}; width: ${value}; font-family: ${value}; line-height: ${value}; z-index: ${value}`;
        const s = getComputedStyle(target);
        return [s.color, s.width, s.fontFamily, s.lineHeight, s.zIndex].join(' | ');
      };
      const expected = (name: string, vars: Record<string, string>): string => {
        const value = vars[name]!;
        const alias = value.match(/^var\((--parley-[a-z-]+)\)$/);
        return alias ? expected(alias[1]!, vars) : value;
      };
      try {
        for (const scheme of ['light', 'dark']) {
          const vars: Record<string, string> =
            scheme === 'dark' ? { ...css.variables, ...css.dark } : { ...css.variables };
          for (const name of names) {
            expect(resolve(probe, scheme, `var(${name})`), `${name} (${scheme})`).to.equal(
              resolve(reference, scheme, expected(name, vars)),
            );
          }
        }
      } finally {
        reference.remove();
      }
    });
  });
});
