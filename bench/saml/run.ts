// Cost of SAML single sign-on on the embedded store, through the real app and
// the in-process test IdP: a full SP-initiated login (redirect, IdP signs,
// ACS verifies both signatures, claims the request and the assertion id,
// provisions and opens a session) serially, the ACS alone, and a replay storm
// (one signed response posted many times at once: exactly one may sign in).
// Reproduce: node --import tsx bench/saml/run.ts
import {
  idpForm,
  postForm,
  type SamlTenant,
  sessionCookieOf,
  startSamlApp,
} from '../../server/test/support/saml-app';
import { TestIdp } from '../../server/test/support/test-idp';

const LOGINS = 100;
const STORM = 50;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const summary = (label: string, samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  console.log(
    `  ${label.padEnd(34)} p50 ${percentile(sorted, 50).toFixed(1)} ms · p95 ${percentile(sorted, 95).toFixed(1)} ms · mean ${mean.toFixed(1)} ms`,
  );
};

async function main() {
  const afters: (() => unknown)[] = [];
  const t = { after: (fn: () => unknown) => afters.push(fn) } as never;
  const app = await startSamlApp(t);
  const idp = await TestIdp.start(t);
  const tenant: SamlTenant = await app.createTenant('bench');
  await app.configure(tenant, idp, { idpInitiated: true });

  // Warm up (module loading, first index builds).
  for (let i = 0; i < 5; i++) await postForm(await idpForm(app, tenant));

  const full: number[] = [];
  const acs: number[] = [];
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < LOGINS; i++) {
    idp.user = {
      nameId: `user${i}@bench.example`,
      attributes: { email: `user${i}@bench.example` },
    };
    const t0 = performance.now();
    const form = await idpForm(app, tenant);
    const t1 = performance.now();
    const res = await postForm(form);
    const t2 = performance.now();
    if (res.status !== 303 || !sessionCookieOf(res))
      throw new Error(`login ${i} failed: ${res.status}`);
    full.push(t2 - t0);
    acs.push(t2 - t1);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // Wall times suffer on a busy machine; CPU per login (SP, IdP and store share this process) does not.
  const cpuPerLogin = (cpu.user + cpu.system) / 1000 / LOGINS;

  const form = idp.unsolicited({ acsUrl: tenant.sp.acsUrl, audience: tenant.sp.entityId });
  const stormStart = performance.now();
  const results = await Promise.all(Array.from({ length: STORM }, () => postForm(form)));
  const stormMs = performance.now() - stormStart;
  const accepted = results.filter((r) => r.status === 303).length;
  const replays = results.filter((r) => r.status === 401).length;

  console.log(`SAML login on the embedded store, ${LOGINS} serial logins (new user each, JIT):`);
  summary('full login (redirect + IdP + ACS)', full);
  summary('ACS post (verify, claim, session)', acs);
  console.log(
    `  throughput                         ${(LOGINS / seconds).toFixed(1)} logins/s (one client)`,
  );
  console.log(
    `  CPU per login                      ${cpuPerLogin.toFixed(1)} ms (SP + IdP signing + store, one process)`,
  );
  console.log(
    `Replay storm: ${STORM} concurrent posts of one IdP-initiated response in ${stormMs.toFixed(0)} ms → ${accepted} accepted, ${replays} refused as replays`,
  );
  console.log('Reproduce: node --import tsx bench/saml/run.ts');
  for (const after of afters.reverse()) await after();
  if (accepted !== 1) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
