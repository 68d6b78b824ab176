// A stand-in for the Parley API inside the test runner's dev server, so
// component tests run without a Parley server. It speaks DESIGN.md's
// protocol (meta, sources, token, done, error; ids `<messageId>:<seq>`;
// resume with Last-Event-ID) plus the widget endpoints (config, stop,
// feedback, history). The message text picks a scenario; the end-to-end
// suite covers the real server.
//
//   "fail please"     402 quota      "origin please"  403 origin
//   "error please"    event: error   "drop please"    drops once, resumes
//   "slow please"     200 slow tokens (for Stop)      "down please" 503 ×2, then ok
//   "echo:<text>"     answers <text> verbatim, and uses it as the source title
//   anything else     "You said: <message>" with one source
// Company sign-in (SAML in the real server): /auth/saml/demo/login is a popup
// page that posts a `parley:identity` message to its opener and closes;
// /auth/saml/cancel/login closes without one. A request with an identity
// JWT (X-Parley-Identity) has one earlier conversation on the server.
const calls = [];
const dropped = new Set();
let downCount = 0;

export async function fakeChatApi(ctx, next) {
  if (!ctx.path.startsWith('/test-api/')) return next();
  const route = ctx.path.slice('/test-api'.length);
  if (route === '/_calls') {
    ctx.body = JSON.stringify(calls);
    if (ctx.method === 'DELETE') {
      calls.length = 0;
      dropped.clear();
      downCount = 0;
    }
    return;
  }
  calls.push({
    method: ctx.method,
    route,
    key: ctx.get('x-parley-key'),
    visitor: ctx.get('x-parley-visitor'),
    identity: ctx.get('x-parley-identity'),
    lastEventId: ctx.get('last-event-id'),
    body: ctx.method === 'POST' ? await readJson(ctx.req) : undefined,
  });
  const call = calls.at(-1);
  if (route === '/v1/widget/config') return config(ctx);
  if (route === '/logo.svg' || route === '/avatar.svg') return image(ctx, route);
  if (route === '/v1/chat' && ctx.method === 'POST') return chat(ctx, call);
  if (/^\/v1\/messages\/[^/]+\/(stop|feedback)$/.test(route)) {
    ctx.status = 204;
    return;
  }
  const login = route.match(/^\/auth\/saml\/(demo|cancel|revoked)\/login$/);
  if (login) return loginPopup(ctx, login[1]);
  if (route === '/v1/conversations') {
    ctx.body = {
      conversations: ctx.get('x-parley-identity')
        ? [
            {
              id: 'c-latest',
              title: 'Earlier question',
              messageCount: 2,
              lastMessageAt: '2026-11-20T09:00:00.000Z',
            },
          ]
        : [],
    };
    return;
  }
  const history = route.match(/^\/v1\/conversations\/([^/]+)\/messages$/);
  if (history) {
    ctx.body = {
      messages: [
        { id: 'h1', role: 'user', content: 'Earlier question' },
        { id: 'h2', role: 'assistant', content: 'Earlier **answer**' },
      ],
    };
    return;
  }
  ctx.status = 404;
  ctx.body = { error: { code: 'PARLEY_NOT_FOUND', message: 'Nothing was found at this address.' } };
}

function config(ctx) {
  const key = ctx.get('x-parley-key');
  ctx.body = {
    tenant: { name: 'Northwind', slug: 'demo' },
    widget: {
      botName: 'Benefits bot',
      greeting: 'Hello from Northwind!',
      starters: ['What is the dental deductible?', 'How much PTO do I get?'],
      placeholder: 'Ask about benefits',
      position: 'bottom-right',
      locale: key === 'pk_test_fr' ? 'fr' : 'en',
      linkTarget: '_blank',
      poweredBy: true,
    },
    theme: themedKeys.has(key)
      ? brandedTheme(ctx, key)
      : {
          version: 1,
          variables: {
            '--parley-color-primary': '#0f766e',
            '--parley-color-on-primary': '#ffffff',
          },
          dark: { '--parley-color-primary': '#5eead4', '--parley-color-on-primary': '#042f2e' },
          fontUrl: null,
        },
  };
}

// Keys that ask for a whole theme block (docs/theme.md "Widget config"); see brandedTheme.
const themedKeys = new Set(['pk_test_brand', 'pk_test_logo', 'pk_test_dark', 'pk_test_light']);

/** The theme block of a tenant who branded everything in the theme editor. */
function brandedTheme(ctx, key) {
  const origin = `${ctx.protocol}://${ctx.host}`;
  const dark = key === 'pk_test_dark';
  return {
    version: 3,
    colorScheme: dark ? 'dark' : key === 'pk_test_light' ? 'light' : 'auto',
    variables: {
      '--parley-color-primary': dark ? '#5eead4' : '#0f766e',
      '--parley-color-on-primary': dark ? '#042f2e' : '#ffffff',
      '--parley-color-surface': dark ? '#131822' : '#ffffff',
      '--parley-launcher-radius': key === 'pk_test_brand' ? '30%' : '50%',
    },
    dark: {},
    fontUrl: key === 'pk_test_brand' ? 'https://fonts.googleapis.com/css2?family=Inter' : null,
    position: key === 'pk_test_brand' ? 'bottom-left' : 'bottom-right',
    launcher: {
      shape: key === 'pk_test_brand' ? 'rounded' : 'circle',
      icon: key === 'pk_test_logo' ? 'logo' : key === 'pk_test_brand' ? 'sparkle' : 'chat',
      label: key === 'pk_test_brand' ? 'Ask HR' : null,
    },
    brand: {
      botName: key === 'pk_test_brand' || key === 'pk_test_logo' ? 'Benefits Buddy' : null,
      logoUrl: `${origin}/test-api/logo.svg`,
      avatarUrl: key === 'pk_test_brand' ? `${origin}/test-api/avatar.svg` : null,
    },
  };
}

/** An unsigned JWT-shaped token (the fake API checks only the subject) for `sub`. */
function fakeIdentityToken(sub) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 8 * 3600;
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub, exp })}.c2ln`;
}

/** The subject of a fake identity token, if it is one. */
function subjectOf(token) {
  try {
    return JSON.parse(Buffer.from(String(token).split('.')[1], 'base64url').toString()).sub;
  } catch {
    return undefined;
  }
}

/**
 * The popup page at the end of a company sign-in, as the real server's
 * (services/saml/pages.ts): `demo` signs Ada in, `revoked` a user whose
 * token the chat then refuses, `cancel` closes without signing in.
 */
function loginPopup(ctx, scenario) {
  const origin = String(ctx.query.widget ?? '');
  const succeed = scenario !== 'cancel';
  const email = scenario === 'revoked' ? 'revoked@northwind.example' : 'ada@northwind.example';
  const message = {
    type: 'parley:identity',
    token: fakeIdentityToken(email),
    user: { email, name: scenario === 'revoked' ? 'Rex Revoked' : 'Ada Lovelace' },
  };
  ctx.type = 'html';
  ctx.body = `<!doctype html><title>Signed in</title><script>${
    succeed
      ? `window.opener.postMessage(${JSON.stringify(message)}, ${JSON.stringify(origin)});`
      : ''
  }setTimeout(() => window.close(), 50);</script>`;
}

function image(ctx, route) {
  const fill = route === '/logo.svg' ? '#0f766e' : '#b45309';
  ctx.type = 'image/svg+xml';
  ctx.body = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="${fill}"/></svg>`;
}

function refuse(ctx, status, code, message) {
  ctx.status = status;
  ctx.body = { error: { code, message } };
}

async function chat(ctx, call) {
  const message = String(call.body?.message ?? '');
  if (subjectOf(call.body?.identity?.token) === 'revoked@northwind.example') {
    return refuse(ctx, 401, 'PARLEY_IDENTITY_INVALID', 'The user identity could not be verified.');
  }
  if (message === 'fail please') {
    return refuse(ctx, 402, 'PARLEY_CHAT_QUOTA_EXCEEDED', 'This workspace has used its messages.');
  }
  if (message === 'origin please') {
    return refuse(ctx, 403, 'PARLEY_ORIGIN_NOT_ALLOWED', 'This origin is not allowed.');
  }
  if (message === 'down please' && downCount++ % 3 < 2) {
    return refuse(ctx, 503, 'PARLEY_DATABASE_UNAVAILABLE', 'The database is not reachable.');
  }
  const echo = message.startsWith('echo:') ? message.slice(5) : undefined;
  const messageId = `m-${Buffer.from(message).toString('hex').slice(0, 24)}-${calls.length}`;
  const resumeFrom = call.lastEventId ? Number(call.lastEventId.split(':').at(-1)) + 1 : 0;
  const id = call.lastEventId ? call.lastEventId.split(':').slice(0, -1).join(':') : messageId;
  const events = [['meta', { conversationId: 'c1', messageId: id }]];
  events.push([
    'sources',
    [
      {
        id: 's1',
        title: echo ?? 'Benefits handbook',
        url: 'https://intranet.example/handbook',
        snippet: 'Deductibles and copays.',
        score: 0.9,
      },
    ],
  ]);
  const slow = message === 'slow please';
  const words =
    echo !== undefined
      ? [echo]
      : slow
        ? Array.from({ length: 200 }, (_, i) => `w${i} `)
        : ['You ', 'said: ', message];
  for (const delta of words) events.push(['token', { delta }]);
  if (message === 'error please')
    events.push(['error', { code: 'PARLEY_INTERNAL', message: 'Boom.' }]);
  else
    events.push([
      'done',
      {
        messageId: id,
        finishReason: 'stop',
        usage: { promptTokens: 1, completionTokens: words.length },
      },
    ]);

  ctx.respond = false;
  const res = ctx.res;
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  const drop = message === 'drop please' && !dropped.has(message);
  for (let seq = resumeFrom; seq < events.length; seq++) {
    const [event, data] = events[seq];
    res.write(`id: ${id}:${seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    if (drop && seq === 3) {
      dropped.add(message);
      res.destroy();
      return;
    }
    await new Promise((r) => setTimeout(r, slow ? 40 : 3));
    if (res.destroyed) return;
  }
  res.end();
}

async function readJson(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}
