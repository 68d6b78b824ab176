import { type ParleyCloseDetail, ParleyCloseEvent } from '../../events/parley-close';
import { ParleyErrorEvent } from '../../events/parley-error';
import type { ParleyMessageEvent } from '../../events/parley-message';
import { ParleyOpenEvent } from '../../events/parley-open';
import {
  cachedConfig,
  fetchConfig,
  type LauncherConfig,
  type LauncherTheme,
  normalizeTheme,
} from '../../internal/config';
import { loadExtras, loadedExtras, needsExtras } from '../../internal/extras-loader';
import { type Identity, parseIdentity } from '../../internal/identity';
import { loadPanel } from '../../internal/panel-loader';
import { clearConversation } from '../../internal/storage';
import { applyTheme } from '../../internal/theme';
import { launcherLabels } from '../../locales/launcher';
import { directionOf, type Locale, resolveLocale } from '../../locales/resolve';
import type { ParleyPanel } from '../panel/panel.component';
import { chatStyleSheet } from './chat.styles';
import { buildShadow, icon, iconPaths, type Parts } from './chat.template';

/** Events `on()` subscribes to, by short name. */
export interface ParleyEventMap {
  open: ParleyOpenEvent;
  close: ParleyCloseEvent;
  message: ParleyMessageEvent;
  error: ParleyErrorEvent;
}

const narrow = () => window.matchMedia('(max-width: 640px)').matches;

/**
 * @summary The Parley chat widget: a launcher that lazily loads the chat panel, or an inline panel.
 *
 * @event {ParleyOpenEvent} parley-open - The user opened the panel.
 * @event {ParleyCloseEvent} parley-close - The user closed the panel (`detail.reason`).
 * @event {ParleyMessageEvent} parley-message - The user sent a message, or an answer finished.
 * @event {ParleyErrorEvent} parley-error - Something failed (`detail.code`, `detail.message`).
 *
 * @csspart base - The wrapper of everything the element renders.
 * @csspart launcher - The button that opens and closes the panel (shape, icon and label from the theme).
 * @csspart launcher-label - The launcher's text label, when the theme gives one.
 * @csspart panel - The chat panel (a dialog in bubble and fullscreen modes).
 * @csspart load-error - Shown when the panel cannot be loaded.
 * @csspart header - The panel's title bar. (Also: logo, avatar, title, new-chat, close, messages, message,
 *   message-body, citations, citation, feedback, typing, starters, starter, composer, input,
 *   send, stop, retry, error, greeting, powered-by.)
 *
 * @cssprop --parley-color-primary - Brand colour of the launcher, header and user bubbles.
 * @cssprop --parley-color-on-primary - Text on the brand colour.
 * @cssprop --parley-color-surface - Panel background.
 * @cssprop --parley-color-surface-raised - Background of answers and inputs.
 * @cssprop --parley-color-text - Body text colour.
 * @cssprop --parley-color-text-quiet - Secondary text (sources, hints).
 * @cssprop --parley-color-border - Borders and separators.
 * @cssprop --parley-color-danger - Error text.
 * @cssprop --parley-font-family - Font of everything in the widget.
 * @cssprop --parley-font-size - Base font size.
 * @cssprop --parley-radius - Corner radius of the panel and bubbles.
 * @cssprop --parley-launcher-size - Diameter of the launcher.
 * @cssprop --parley-panel-width - Width of the floating panel.
 * @cssprop --parley-panel-height - Height of the floating panel.
 * @cssprop --parley-z-index - Stacking level of the launcher and panel.
 */
export class ParleyChat extends HTMLElement {
  static observedAttributes = ['key', 'api', 'mode', 'locale', 'open', 'position'];

  private readonly parts: Parts;
  private readonly themeSheet = new CSSStyleSheet();
  private config: LauncherConfig | undefined;
  /** The theme `setTheme()` previews: checked for the launcher, and as given for the panel. */
  private themeOverride: { raw: unknown; theme: LauncherTheme } | undefined;
  private identity: Identity | undefined;
  private panel: ParleyPanel | undefined;
  private configFor = '';
  private releasePage: (() => void)[] = [];
  private returnFocus: HTMLElement | undefined;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [chatStyleSheet(), this.themeSheet];
    this.parts = buildShadow(root);
    this.parts.launcher.addEventListener('click', () => this.userToggle());
    // Loading the panel on intent shaves its fetch off the first open.
    this.parts.launcher.addEventListener('pointerenter', () => void loadPanel().catch(() => {}));
    root.addEventListener('parley-request-close', (event) =>
      this.userClose((event as CustomEvent<ParleyCloseDetail>).detail.reason),
    );
  }

  /** The tenant's publishable key (`pk_live_…` or `pk_test_…`). */
  get key(): string {
    return this.getAttribute('key') ?? '';
  }
  set key(value: string) {
    this.setAttribute('key', value);
  }

  /** Base URL of the Parley API; defaults to the page's origin. */
  get api(): string {
    return this.getAttribute('api') || window.location.origin;
  }
  set api(value: string) {
    this.setAttribute('api', value);
  }

  /** `bubble` (launcher + floating panel, the default), `inline` (fills its container) or `fullscreen`. */
  get mode(): 'bubble' | 'inline' | 'fullscreen' {
    const mode = this.getAttribute('mode');
    return mode === 'inline' || mode === 'fullscreen' ? mode : 'bubble';
  }
  set mode(value: 'bubble' | 'inline' | 'fullscreen') {
    this.setAttribute('mode', value);
  }

  /** Whether the panel is open (always true inline). Reflects the `open` attribute. */
  get isOpen(): boolean {
    return this.mode === 'inline' || this.hasAttribute('open');
  }

  /** The locale in use: the `locale` attribute, the tenant's, then the browser's. */
  get locale(): Locale {
    return resolveLocale(this.getAttribute('locale'), this.config?.locale);
  }

  connectedCallback(): void {
    this.refreshConfig();
    this.sync();
    performance.mark('parley:launcher');
  }

  disconnectedCallback(): void {
    this.releasePageEffects();
  }

  attributeChangedCallback(name: string, before: string | null, after: string | null): void {
    if (before === after || !this.isConnected) return;
    if (name === 'key' || name === 'api') this.refreshConfig();
    this.sync();
  }

  /** Opens the panel (loading it first if needed) and moves focus into it. */
  async open(): Promise<void> {
    this.returnFocus ??= deepActiveElement();
    this.toggleAttribute('open', true);
    const panel = await this.ensurePanel();
    panel?.focusInput();
  }

  /** Closes the panel and gives focus back to where it was before opening. */
  close(): void {
    if (!this.hasAttribute('open')) return;
    const focusWasInside = document.activeElement === this;
    this.removeAttribute('open');
    const target = this.returnFocus?.isConnected ? this.returnFocus : this.parts.launcher;
    this.returnFocus = undefined;
    if (focusWasInside) (this.mode === 'inline' ? undefined : target)?.focus();
  }

  /** Opens the panel when closed, closes it when open. */
  async toggle(): Promise<void> {
    if (this.hasAttribute('open')) this.close();
    else await this.open();
  }

  /** Sends a message as if the user typed it (opening the panel first). */
  async send(text: string): Promise<void> {
    await this.open();
    await this.panel?.send(text);
  }

  /** Forgets the stored conversation and starts a new one. */
  async newConversation(): Promise<void> {
    if (this.panel) this.panel.newConversation();
    else clearConversation(this.key);
  }

  /** Vouches for the signed-in user: `{ token }` (signed JWT) or `{ userId, userHash }`. */
  identify(identity: Identity): void {
    this.identity = parseIdentity(identity);
    if (this.panel) this.panel.identity = this.identity;
  }

  /** Switches the widget's language (`en`, `es`, `fr`, `de`, `ar`, `he`, or a tag such as `fr-CA`). */
  setLocale(locale: string): void {
    this.setAttribute('locale', locale);
  }

  /**
   * Shows this theme block (the shape of the config's `theme`: variables,
   * colour scheme, position, launcher, brand, font) instead of the tenant's,
   * as the theme editor's live preview does; `undefined` returns to the tenant's.
   */
  setTheme(theme: unknown): void {
    this.themeOverride =
      theme === undefined ? undefined : { raw: theme, theme: normalizeTheme(theme) };
    this.applyTheme();
  }

  /** Subscribes to a widget event (`open`, `close`, `message`, `error`); returns the unsubscribe function. */
  on<K extends keyof ParleyEventMap>(event: K, listener: (event: ParleyEventMap[K]) => void) {
    const type = `parley-${event}`;
    const handler = listener as EventListener;
    this.addEventListener(type, handler);
    return () => this.removeEventListener(type, handler);
  }

  private userToggle(): void {
    if (this.hasAttribute('open')) {
      this.userClose('launcher');
      return;
    }
    this.returnFocus = this.parts.launcher;
    void this.open();
    this.dispatchEvent(new ParleyOpenEvent());
  }

  private userClose(reason: ParleyCloseDetail['reason']): void {
    if (this.mode === 'inline') return;
    this.close();
    this.dispatchEvent(new ParleyCloseEvent({ reason }));
  }

  private refreshConfig(): void {
    const key = this.key;
    const target = `${this.api}|${key}`;
    if (!key || target === this.configFor) return;
    this.configFor = target;
    const cached = cachedConfig(key);
    if (cached) this.applyConfig(cached);
    fetchConfig(this.api, key).then(
      (config) => this.configFor === target && this.applyConfig(config),
      () => {
        // The panel reports errors when the user engages; a failed config keeps the defaults.
      },
    );
  }

  private applyConfig(config: LauncherConfig): void {
    this.config = config;
    this.applyTheme();
  }

  /** The config body for the panel, with the previewed theme, if any, in place of the tenant's. */
  private get panelConfig(): unknown {
    const body = this.config?.body;
    const { themeOverride } = this;
    // The panel checks every field it reads, so the raw override is handed over as it came.
    return themeOverride ? { ...(body as object), theme: themeOverride.raw } : body;
  }

  /** The theme in effect: the previewed one, else the tenant's. */
  private get theme(): LauncherTheme | undefined {
    return this.themeOverride?.theme ?? this.config?.theme;
  }

  private applyTheme(): void {
    const theme = this.theme;
    applyTheme(this.themeSheet, theme?.variables, theme?.dark, theme?.colorScheme);
    if (theme?.fontUrl) {
      const url = theme.fontUrl;
      loadExtras().then(
        (extras) => extras.loadFont(url),
        () => {
          // Without the extras chunk the widget keeps its fallback fonts.
        },
      );
    }
    if (this.panel) this.panel.config = this.panelConfig;
    this.sync();
  }

  /** Brings the shadow DOM in line with the attributes and config; never throws. */
  private sync(): void {
    const { base, launcher, panelSlot } = this.parts;
    const locale = this.locale;
    const open = this.isOpen;
    base.dataset.mode = this.mode;
    const theme = this.theme;
    // The page's attribute decides; else bottom-left if the theme or the widget settings ask for it.
    const position =
      this.getAttribute('position') === 'bottom-left' ||
      (!this.getAttribute('position') &&
        (theme?.position === 'bottom-left' || this.config?.position === 'bottom-left'))
        ? 'bottom-left'
        : 'bottom-right';
    base.dataset.position = position;
    base.dir = directionOf(locale);
    base.lang = locale;
    base.toggleAttribute('data-open', open);
    launcher.hidden = this.mode === 'inline' || this.hasAttribute('no-launcher');
    launcher.setAttribute('aria-expanded', String(open));
    // A visible label is the accessible name too (WCAG 2.5.3), so speech users can say what they see.
    const label = theme?.launcher.label;
    launcher.setAttribute(
      'aria-label',
      open || !label ? launcherLabels[locale][open ? 'closeChat' : 'openChat'] : label,
    );
    launcher.dataset.shape = theme?.launcher.shape ?? 'circle';
    launcher.toggleAttribute('data-labelled', !open && !!label);
    launcher.replaceChildren(...this.launcherContent(open, theme));
    panelSlot.hidden = !open;
    this.syncTopLayer();
    if (this.panel) {
      this.panel.locale = locale;
      this.panel.mode = this.mode;
      this.panel.position = position;
    }
    this.releasePageEffects();
    if (open) void this.ensurePanel().then((panel) => this.holdPage(panel));
  }

  /** A full-screen panel (fullscreen mode, or a bubble on a narrow screen) holds the page while open. */
  private holdPage(panel: ParleyPanel | undefined): void {
    if (!panel || !this.isConnected || !this.isOpen || this.releasePage.length) return;
    if (this.mode === 'fullscreen' || (this.mode === 'bubble' && narrow()))
      this.releasePage = [panel.holdPage(this)];
  }

  /**
   * A cross when open; the speech bubble when closed, unless the theme asks
   * for more (label, other icon, logo), which the extras chunk renders. Until
   * it has loaded, the plain launcher shows (its `data-labelled` and shape
   * rules come with the chunk too, so nothing half-styled appears), then the
   * launcher re-renders once.
   */
  private launcherContent(open: boolean, theme: LauncherTheme | undefined): Node[] {
    if (open) return [icon(iconPaths.close)];
    if (theme && needsExtras(theme)) {
      const extras = loadedExtras();
      if (extras) {
        const root = this.shadowRoot!;
        if (!root.adoptedStyleSheets.includes(extras.styles))
          root.adoptedStyleSheets = [...root.adoptedStyleSheets, extras.styles];
        return extras.content(theme);
      }
      loadExtras().then(
        () => this.sync(),
        () => {
          // The plain launcher stays; the label is still its accessible name.
        },
      );
    }
    return [icon(iconPaths.chat)];
  }

  /**
   * Floating modes live in the top layer (a manual popover): a page that
   * transforms, filters or fades `html`/`body` would otherwise blur the
   * widget and turn `position: fixed` into "fixed to the body", pushing the
   * panel off screen. Inline mode stays in the page's flow.
   */
  private syncTopLayer(): void {
    const { base } = this.parts;
    if (!('showPopover' in base)) return;
    const floating = this.mode !== 'inline';
    if (floating) {
      if (base.popover !== 'manual') base.popover = 'manual';
      if (this.isConnected && !base.matches(':popover-open')) base.showPopover();
    } else if (base.hasAttribute('popover')) {
      if (base.matches(':popover-open')) base.hidePopover();
      base.removeAttribute('popover');
    }
  }

  private releasePageEffects(): void {
    for (const release of this.releasePage) release();
    this.releasePage = [];
  }

  /** Loads and mounts the panel once; shows a readable error state if it cannot load. */
  private async ensurePanel(): Promise<ParleyPanel | undefined> {
    if (this.panel) return this.panel;
    try {
      await loadPanel();
    } catch {
      this.parts.loadError.hidden = false;
      this.parts.loadError.textContent = launcherLabels[this.locale].loadFailed;
      this.dispatchEvent(
        new ParleyErrorEvent({
          code: 'PARLEY_WIDGET_LOAD_FAILED',
          message: 'The chat panel could not be loaded.',
        }),
      );
      return undefined;
    }
    // The chunk's evaluation was one task; rendering the panel in the next
    // one keeps each under the host page's 50 ms long-task budget.
    await new Promise((resolve) => setTimeout(resolve));
    if (this.panel) return this.panel;
    const panel = document.createElement('parley-panel') as ParleyPanel;
    panel.id = 'panel';
    panel.setAttribute('part', 'panel');
    panel.publishableKey = this.key;
    panel.api = this.api;
    panel.locale = this.locale;
    panel.mode = this.mode;
    panel.position =
      this.parts.base.dataset.position === 'bottom-left' ? 'bottom-left' : 'bottom-right';
    panel.config = this.panelConfig;
    panel.identity = this.identity;
    this.panel = panel;
    this.parts.loadError.hidden = true;
    this.parts.panelSlot.replaceWith(panel);
    this.parts.panelSlot = panel;
    panel.hidden = !this.isOpen;
    await panel.updateComplete;
    return panel;
  }
}

/** The focused element, looking through open shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return (active as HTMLElement | null) ?? undefined;
}
