/**
 * The sign-in chunk: "Sign in with your company account" for tenants whose
 * widget config carries `sso.loginPath` (SAML widget sign-in, docs/sso.md).
 * Loaded by the panel only for those tenants, so no other page pays for it.
 *
 * The login runs in a popup on the Parley server; after the IdP, that page
 * posts `{ type: 'parley:identity', token, user }` to this page's origin.
 * The message is accepted only from the API's origin and from the popup we
 * opened. The token is the tenant's identity JWT (8 h): it is kept in
 * localStorage per publishable key until it expires, so the employee stays
 * signed in across pages and reloads, and handed to the panel as its
 * identity, exactly like a host page's `identify({ token })`.
 *
 * Everything here is built with DOM calls and text nodes: names come from
 * the IdP and are untrusted text.
 */
import type { Identity } from './identity';
import { signInCss } from './sign-in.styles';

/** What the panel exposes to the account bar. */
export interface SignInHost extends HTMLElement {
  api: string;
  publishableKey: string;
  locale: string;
  identity: Identity | undefined;
  focusInput?(): void;
}

interface StoredSignIn {
  token: string;
  name: string;
  /** Expiry of the token, in ms since the epoch. */
  expires: number;
}

const strings = {
  en: {
    signIn: 'Sign in with your company account',
    signedInAs: 'Signed in as {name}',
    signOut: 'Sign out',
    pending: 'Finish signing in in the window that opened…',
    blocked: 'The sign-in window was blocked. Allow pop-ups for this site and try again.',
    expired: 'Your sign-in has expired. Sign in again to go on.',
  },
  es: {
    signIn: 'Inicia sesión con la cuenta de tu empresa',
    signedInAs: 'Sesión iniciada como {name}',
    signOut: 'Cerrar sesión',
    pending: 'Termina de iniciar sesión en la ventana que se abrió…',
    blocked:
      'Se bloqueó la ventana de inicio de sesión. Permite las ventanas emergentes de este sitio y vuelve a intentarlo.',
    expired: 'Tu sesión ha caducado. Vuelve a iniciar sesión para continuar.',
  },
  fr: {
    signIn: 'Se connecter avec le compte de votre entreprise',
    signedInAs: 'Connecté en tant que {name}',
    signOut: 'Se déconnecter',
    pending: 'Terminez la connexion dans la fenêtre qui s’est ouverte…',
    blocked:
      'La fenêtre de connexion a été bloquée. Autorisez les fenêtres pop-up pour ce site et réessayez.',
    expired: 'Votre connexion a expiré. Reconnectez-vous pour continuer.',
  },
  de: {
    signIn: 'Mit dem Firmenkonto anmelden',
    signedInAs: 'Angemeldet als {name}',
    signOut: 'Abmelden',
    pending: 'Schließen Sie die Anmeldung im geöffneten Fenster ab…',
    blocked:
      'Das Anmeldefenster wurde blockiert. Erlauben Sie Pop-ups für diese Seite und versuchen Sie es erneut.',
    expired: 'Ihre Anmeldung ist abgelaufen. Melden Sie sich erneut an, um fortzufahren.',
  },
  ar: {
    signIn: 'سجّل الدخول بحساب شركتك',
    signedInAs: 'تم تسجيل الدخول باسم {name}',
    signOut: 'تسجيل الخروج',
    pending: 'أكمل تسجيل الدخول في النافذة التي فُتحت…',
    blocked: 'تم حظر نافذة تسجيل الدخول. اسمح بالنوافذ المنبثقة لهذا الموقع وحاول مرة أخرى.',
    expired: 'انتهت صلاحية تسجيل الدخول. سجّل الدخول مرة أخرى للمتابعة.',
  },
  he: {
    signIn: 'התחברות עם חשבון החברה',
    signedInAs: 'מחובר/ת בתור {name}',
    signOut: 'התנתקות',
    pending: 'יש להשלים את ההתחברות בחלון שנפתח…',
    blocked: 'חלון ההתחברות נחסם. יש לאפשר חלונות קופצים באתר זה ולנסות שוב.',
    expired: 'ההתחברות פגה. יש להתחבר שוב כדי להמשיך.',
  },
};
type Strings = typeof strings.en;

const styles = new CSSStyleSheet();
styles.replaceSync(signInCss);

const storageKey = (key: string) => `parley:v1:${key}:sign-in`;

/** The stored sign-in for this key, if its token has not expired. */
export function storedSignIn(key: string): StoredSignIn | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(storageKey(key)) ?? 'null');
    if (
      value &&
      typeof value.token === 'string' &&
      typeof value.name === 'string' &&
      typeof value.expires === 'number' &&
      value.expires > Date.now() + 60_000
    ) {
      return value;
    }
  } catch {
    // Unreadable or blocked storage: not signed in.
  }
  return undefined;
}

function store(key: string, value: StoredSignIn | undefined): void {
  try {
    if (value) localStorage.setItem(storageKey(key), JSON.stringify(value));
    else localStorage.removeItem(storageKey(key));
  } catch {
    // Blocked storage: the sign-in lasts for this page only.
  }
}

/** The token's `exp` in ms (read without verifying: the server verifies); 8 h if unreadable. */
function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(
      atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')),
    ) as { exp?: unknown };
    if (typeof payload.exp === 'number') return payload.exp * 1000;
  } catch {
    // Not a readable JWT.
  }
  return Date.now() + 8 * 3600_000;
}

/** Per bar: what it shows now, and the sign-in under way. */
interface Bar {
  /** Everything the bar's content depends on; it is rebuilt only when this changes (the panel updates per token). */
  drawn?: string;
  /** What the panel looked like at the last full check, and until when that check holds. */
  seen?: string;
  seenUntil?: number;
  note?: keyof Strings;
  /** The token this chunk handed the panel (from the popup or storage), so a host's own identity is told apart. */
  ours?: string;
  /** Move focus to the bar's button after the next redraw (its button was replaced). */
  refocus?: boolean;
  stopWaiting?: () => void;
}

const bars = new WeakMap<HTMLElement, Bar>();

/** Signs the panel out of the company sign-in, with a note on the bar to say why (if any). */
function forget(host: SignInHost, entry: Bar, note?: Bar['note']): void {
  store(host.publishableKey, undefined);
  entry.ours = undefined;
  entry.note = note;
  entry.refocus = true;
  host.identity = undefined;
}

/** True while the panel's identity is the one this chunk gave it. */
function ours(host: SignInHost, entry: Bar): boolean {
  const identity = host.identity;
  return Boolean(identity && 'token' in identity && identity.token === entry.ours);
}

/**
 * Adds the account bar between the panel's header and the conversation (the
 * panel's template has no binding there, so its re-renders leave the bar
 * alone), with its styles and exported parts.
 */
function createBar(host: SignInHost): HTMLElement {
  const root = host.shadowRoot!;
  const bar = document.createElement('div');
  bar.setAttribute('part', 'account');
  root.querySelector('[part~="header"]')?.after(bar);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles];
  const entry: Bar = {};
  bars.set(bar, entry);
  // The server refused the sign-in (the workspace rotated its identity secret,
  // or the token ran out while the page was open): ask to sign in again.
  host.addEventListener('parley-error', (event) => {
    if (event.detail.code === 'PARLEY_IDENTITY_INVALID' && ours(host, entry))
      forget(host, entry, 'expired');
  });
  const parts = 'account, sign-in, sign-out, signed-in, sign-in-status';
  const exported = host.getAttribute('exportparts');
  if (exported && !exported.includes('sign-in'))
    host.setAttribute('exportparts', `${exported}, ${parts}`);
  return bar;
}

/**
 * Fills the panel's account bar (`part="account"`): a sign-in button, or
 * who is signed in with a sign-out button; hidden when the host page
 * identified the user itself. Called after each panel update; also signs
 * the panel in from storage when the visitor signed in before, and out
 * when the sign-in expired or the server refused it.
 */
export function renderAccount(host: SignInHost, config: unknown): void {
  // Only the server's own SAML login route: the path is opened in a popup.
  const loginPath = (config as { sso?: { loginPath?: unknown } }).sso?.loginPath;
  if (typeof loginPath !== 'string' || !/^\/auth\/saml\/[a-z0-9-]+\/login$/.test(loginPath)) return;
  const bar = host.shadowRoot!.querySelector<HTMLElement>('[part~="account"]') ?? createBar(host);
  const entry = bars.get(bar)!;
  const key = host.publishableKey;
  // The panel calls this after every update, once per streamed token: unless
  // the key, locale, identity or note changed, read storage (for an expiry or
  // a sign-out in another tab) at most every 30 s.
  const seen = JSON.stringify([key, host.locale, host.identity, entry.note]);
  if (entry.seen === seen && Date.now() < (entry.seenUntil ?? 0)) return;
  entry.seen = seen;
  entry.seenUntil = Date.now() + 30_000;
  const saved = storedSignIn(key);
  if (!host.identity && saved) {
    entry.ours = saved.token;
    host.identity = { token: saved.token };
  }
  if (ours(host, entry) && saved?.token !== entry.ours) {
    // Expired here, or signed out in another tab.
    forget(host, entry, 'expired');
    return;
  }
  const signedIn = ours(host, entry) ? saved : undefined;
  const identity = host.identity;
  const drawn = JSON.stringify([key, host.locale, identity, signedIn, entry.note]);
  if (entry.drawn === drawn) return;
  entry.drawn = drawn;
  const t = strings[host.locale.split('-')[0] as keyof typeof strings] ?? strings.en;
  // A host page that identified its user itself needs no sign-in here.
  bar.hidden = Boolean(identity && !signedIn);
  const button = document.createElement('button');
  button.type = 'button';
  const nodes: Node[] = [];
  if (bar.hidden) {
    // Nothing to show.
  } else if (signedIn) {
    const who = document.createElement('span');
    who.setAttribute('part', 'signed-in');
    who.dir = 'auto';
    who.textContent = t.signedInAs.replace('{name}', signedIn.name);
    button.setAttribute('part', 'sign-out');
    button.textContent = t.signOut;
    button.onclick = () => forget(host, entry);
    nodes.push(who, button);
  } else {
    button.setAttribute('part', 'sign-in');
    button.textContent = t.signIn;
    button.onclick = () => signIn(host, bar, config, loginPath);
    nodes.push(button);
    if (entry.note) {
      const status = document.createElement('span');
      status.setAttribute('part', 'sign-in-status');
      status.setAttribute('role', 'status');
      status.textContent = t[entry.note];
      nodes.push(status);
    }
  }
  bar.replaceChildren(...nodes);
  if (entry.refocus && !bar.hidden) button.focus();
  entry.refocus = false;
}

/** Opens the login popup and waits for its identity message. */
function signIn(host: SignInHost, bar: HTMLElement, config: unknown, loginPath: string): void {
  const entry = bars.get(bar)!;
  entry.stopWaiting?.();
  // Under the API base, which may carry a path prefix behind a proxy (as api-url.ts
  // joins routes; not imported, so that no code shared with the panel is split out).
  const api = new URL(host.api.replace(/\/?$/, '/'), location.href);
  const url = new URL(loginPath.slice(1), api);
  url.searchParams.set('widget', location.origin);
  const popup = window.open(url.href, 'parley-sign-in', 'popup,width=480,height=640');
  const redraw = (note: Bar['note']) => {
    entry.note = note;
    entry.refocus = true;
    renderAccount(host, config);
  };
  if (!popup) {
    redraw('blocked');
    return;
  }
  const onMessage = (event: MessageEvent) => {
    const data = event.data as {
      type?: unknown;
      token?: unknown;
      user?: { name?: unknown; email?: unknown };
    } | null;
    if (event.origin !== api.origin || event.source !== popup || data?.type !== 'parley:identity')
      return;
    if (typeof data.token !== 'string' || !data.token || data.token.length > 8192) return;
    stop();
    const name = [data.user?.name, data.user?.email].find(
      (v): v is string => typeof v === 'string' && v.length > 0,
    );
    store(host.publishableKey, {
      token: data.token,
      name: (name ?? '').slice(0, 120),
      expires: expiryOf(data.token),
    });
    entry.note = undefined;
    entry.ours = data.token;
    host.identity = { token: data.token };
    host.focusInput?.();
  };
  // A popup closed without an answer: cancelled, or an error page the user closed.
  const watch = setInterval(() => {
    if (popup.closed) {
      stop();
      redraw(undefined);
    }
  }, 500);
  const stop = () => {
    clearInterval(watch);
    window.removeEventListener('message', onMessage);
    entry.stopWaiting = undefined;
  };
  entry.stopWaiting = stop;
  window.addEventListener('message', onMessage);
  redraw('pending');
}
