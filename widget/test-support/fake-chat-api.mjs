// A stand-in for the chat endpoint inside the test runner's dev server, so
// component tests can stream without a Parley server. It speaks the exact
// DESIGN.md SSE format; the end-to-end suite covers the real server.
export async function fakeChatApi(ctx, next) {
  if (!ctx.path.startsWith('/test-api/')) return next();
  const route = ctx.path.slice('/test-api'.length);
  if (route === '/v1/chat' && ctx.method === 'POST') {
    const body = await readJson(ctx.req);
    if (body.message === 'fail please') {
      ctx.status = 402;
      ctx.body = {
        error: {
          code: 'PARLEY_CHAT_QUOTA_EXCEEDED',
          message: 'This workspace has used its messages for the month.',
        },
      };
      return;
    }
    ctx.respond = false;
    const res = ctx.res;
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    const send = (seq, event, data) =>
      res.write(`id: m1:${seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send(0, 'meta', { conversationId: 'c1', messageId: 'm1' });
    const words = ['You ', 'said: ', body.message];
    for (let i = 0; i < words.length; i++) {
      send(i + 1, 'token', { delta: words[i] });
      await new Promise((r) => setTimeout(r, 5));
    }
    send(words.length + 1, 'done', {
      messageId: 'm1',
      finishReason: 'stop',
      usage: { promptTokens: 1, completionTokens: 3 },
    });
    res.end();
    return;
  }
  return next();
}

async function readJson(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}
