import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConsoleClient, startTenancy } from '../support/tenancy';

type LimitError = { error: { code: string; details?: { limit?: string } } };

/** The successful answers among concurrent ones; every other must be a plan-limit 402 on `limit`. */
async function winners(responses: Response[], limit: string) {
  const won = responses.filter((r) => r.ok);
  for (const res of responses.filter((r) => !r.ok)) {
    assert.equal(res.status, 402, await res.clone().text());
    const { error } = (await res.json()) as LimitError;
    assert.equal(error.code, 'PARLEY_PLAN_LIMIT_REACHED');
    assert.equal(error.details?.limit, limit);
  }
  return won;
}

test('concurrent invitations for the last seat: exactly one gets it', async (t) => {
  const tenancy = await startTenancy(t);
  // Starter has five seats; the fixture's four users leave one.
  const acme = await tenancy.createTenant('acme', { plan: 'starter' });
  const owner = await ConsoleClient.signIn(tenancy.url, acme.users.owner);

  const responses = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      owner.request('POST', '/api/users', { email: `new${i}@acme.example`, role: 'viewer' }),
    ),
  );
  const won = await winners(responses, 'seats');
  assert.equal(won.length, 1);
  assert.equal(await tenancy.access.users.seatsInUse(acme.id), 5);
  assert.equal((await tenancy.access.users.list(acme.id)).length, 5, 'no extra account exists');
  // The winner alone was mailed and audited.
  const invited = ((await won[0]!.json()) as { email: string }).email;
  assert.deepEqual(
    tenancy.mailer.sent.map((m) => m.to),
    [invited],
  );
  const audit = (await (await owner.request('GET', '/api/audit?action=user.invite')).json()) as {
    items: { target: { label: string } }[];
  };
  assert.deepEqual(
    audit.items.map((i) => i.target.label),
    [invited],
  );
});

test('concurrent re-enables and invitations for the last seat: exactly one succeeds', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme', { plan: 'starter' });
  const owner = await ConsoleClient.signIn(tenancy.url, acme.users.owner);
  // Four disabled accounts besides the four active ones: one seat left.
  const disabled: string[] = [];
  for (let i = 0; i < 4; i++) {
    const user = await tenancy.access.users.create(acme.id, {
      email: `old${i}@acme.example`,
      role: 'viewer',
      password: 'password-old',
    });
    const res = await owner.request('PATCH', `/api/users/${user._id}`, { disabled: true });
    assert.equal(res.status, 200);
    disabled.push(String(user._id));
  }
  assert.equal(await tenancy.access.users.seatsInUse(acme.id), 4);

  const responses = await Promise.all([
    ...disabled.map((id) => owner.request('PATCH', `/api/users/${id}`, { disabled: false })),
    ...disabled.map((_, i) =>
      owner.request('POST', '/api/users', { email: `new${i}@acme.example`, role: 'viewer' }),
    ),
  ]);
  const won = await winners(responses, 'seats');
  assert.equal(won.length, 1);
  assert.equal(await tenancy.access.users.seatsInUse(acme.id), 5);
});

test('a shrink racing with swaps after a downgrade: the widget limit holds', async (t) => {
  const tenancy = await startTenancy(t);
  // Free allows one widget origin; a downgraded tenant keeps its three.
  const three = ['https://a.acme.example', 'https://b.acme.example', 'https://c.acme.example'];
  const acme = await tenancy.createTenant('acme', { origins: three });
  const owner = await ConsoleClient.signIn(tenancy.url, acme.users.owner);
  const patch = (allowedOrigins: string[]) =>
    owner.request('PATCH', '/api/tenant', { allowedOrigins });

  // Swapping one of three is not adding one (allowed over the limit), but
  // after the shrink to one origin it adds two (refused). In any order the
  // shrink wins and the tenant ends with one origin.
  const swaps = Array.from({ length: 8 }, (_, i) => [
    'https://a.acme.example',
    'https://b.acme.example',
    `https://x${i}.acme.example`,
  ]);
  const responses = await Promise.all([
    patch(['https://a.acme.example']),
    ...swaps.map((origins) => patch(origins)),
  ]);
  assert.equal(responses[0]!.status, 200);
  await winners(responses, 'widgets');
  assert.deepEqual((await tenancy.access.tenants.get(acme.id)).allowedOrigins, [
    'https://a.acme.example',
  ]);
});
