import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readEvents, startWiredChatApp } from '../support/chat-app';

type Meta = { conversationId: string; messageId: string; visitorToken: string };

/** The chat routes as `createApp` wires them: real key check, origin check, CORS and quota. */
test('createApp: /v1/chat runs behind requireWidgetKey with the tenant persona and the plan quota', async (t) => {
  const { url, database, access, fake, acme, origin, widget } = await startWiredChatApp(t);
  await access.tenants.update(acme.tenant._id, { widget: { persona: 'You are Acme HR.' } });

  const res = await widget('/v1/chat', { body: { message: 'What is the dental deductible?' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), origin);
  const events = await readEvents(res);
  assert.equal(events.at(-1)!.event, 'done');
  const system = (fake.requests[0]!.body.messages as { content: string }[])[0]!.content;
  assert.match(system, /^Persona set by the organisation:\nYou are Acme HR\./);
  const meta = events[0]!.data as Meta;

  const history = await widget(`/v1/conversations/${meta.conversationId}/messages`, {
    headers: { 'X-Parley-Visitor': meta.visitorToken },
  });
  assert.equal(history.status, 200);

  const stranger = await widget('/v1/chat', {
    body: { message: 'hi' },
    headers: { Origin: 'https://evil.example' },
  });
  assert.equal(stranger.status, 403);
  const noKey = await fetch(`${url}/v1/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ message: 'hi' }),
  });
  assert.equal(noKey.status, 401);

  // The answered message counted against the month's quota (billing's usage counters).
  const month = new Date().toISOString().slice(0, 7);
  const usage = await database.connection
    .collection('usage')
    .findOne({ tenantId: acme.tenant._id, period: month });
  assert.equal(usage?.messages, 1);

  const transcripts = await fetch(`${url}/api/conversations`, {
    headers: { Authorization: `Bearer ${acme.secretKey}` },
  });
  assert.equal(transcripts.status, 200);
  const list = (await transcripts.json()) as { items: { id: string }[] };
  assert.deepEqual(
    list.items.map((i) => i.id),
    [meta.conversationId],
  );
});
