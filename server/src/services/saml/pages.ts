import { randomBytes } from 'node:crypto';

/** An HTML page with the Content-Security-Policy that lets only its own inline code run. */
export interface Page {
  html: string;
  csp: string;
}

/** What a Test connection found, sent to the console that opened the popup. */
export interface TestResult {
  ok: boolean;
  reason?: string;
  message?: string;
  nameId?: string;
  email?: string | null;
  name?: string | null;
  groups?: string[];
  attributes?: Record<string, string[]>;
  /** What a real login would do: `create as admin`, `update as editor`, `refuse: not_assigned`, … */
  outcome?: string;
}

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
// JSON inside <script> must not be able to close the element.
const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

function page(title: string, body: string, script = ''): Page {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><meta name="viewport" content="width=device-width,initial-scale=1"><style nonce="${nonce}">body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:48rem;color:#111827}table{border-collapse:collapse}td,th{border:1px solid #d1d5db;padding:.25rem .5rem;text-align:left;vertical-align:top}.bad{color:#b91c1c}.good{color:#15803d}</style></head><body>${body}${script ? `<script nonce="${nonce}">${script}</script>` : ''}</body></html>`;
  return {
    html,
    csp: `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  };
}

/**
 * The popup page of a Test connection: shows the result and hands it to the
 * console window that opened it, addressed to the console's origin only.
 */
export function testResultPage(result: TestResult, consoleOrigin: string): Page {
  const rows = Object.entries(result.attributes ?? {})
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v.map(esc).join('<br>')}</td></tr>`)
    .join('');
  const body = result.ok
    ? `<h1 class="good">Connection works</h1><p>Signed in as <b>${esc(result.email ?? result.nameId ?? '')}</b>. A real login would: ${esc(result.outcome ?? '')}.</p><h2>Attributes received</h2><table>${rows || '<tr><td>none</td></tr>'}</table>`
    : `<h1 class="bad">Connection failed</h1><p>Reason: <code>${esc(result.reason ?? 'unknown')}</code></p><p>${esc(result.message ?? '')}</p>`;
  const script = `(function(){var r=${scriptJson(result)};if(window.opener){window.opener.postMessage({type:'parley:sso-test',result:r},${scriptJson(consoleOrigin)});}})();`;
  return page('Parley: SSO test', body, script);
}

/** What a person sees when the IdP's response is refused (browsers; API clients get JSON). */
export function refusalPage(reason: string, message: string, loginUrl: string): Page {
  return page(
    'Sign-in failed',
    `<h1 class="bad">Sign-in failed</h1><p>${esc(message)}</p><p>Reason: <code>${esc(reason)}</code></p><p><a href="${esc(loginUrl)}">Back to sign-in</a></p>`,
  );
}

/**
 * The popup page of a widget sign-in: hands the identity token to the widget
 * on the host page (`origin` was checked against the tenant's allowed
 * origins before the login started) and closes.
 */
export function widgetIdentityPage(
  message: { token: string; user: { email: string | null; name: string | null } },
  origin: string,
): Page {
  const script = `(function(){var m=${scriptJson({ type: 'parley:identity', ...message })};if(window.opener){window.opener.postMessage(m,${scriptJson(origin)});window.close();}})();`;
  return page('Signed in', '<p>You are signed in. You can close this window.</p>', script);
}
