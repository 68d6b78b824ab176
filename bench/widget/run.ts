// Widget budgets (issue 6): bytes before first open, whole widget, time to
// launcher, first open, long tasks on the host page, and frame times while
// 2,000 tokens stream. Prints figures; asserts nothing.
//   node --import tsx bench/widget/run.ts
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { measureCompetitors } from './competitors';
import { startBenchServer } from './fake-api';

const root = new URL('../..', import.meta.url).pathname;
const version = JSON.parse(readFileSync(join(root, 'widget/package.json'), 'utf8')).version;
const manifestPath = join(root, 'cdn/parley', version, 'manifest.json');
if (!existsSync(manifestPath))
  execFileSync('node', ['widget/scripts/build.mjs'], { cwd: root, stdio: 'ignore' });
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const gz = (file: string): number => manifest.files[file].gzipBytes;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

// The flags test/support/browser.ts uses (no sandbox as root, no background network).
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const runs = 15;
const tokens = 2000;
const { url, server } = await startBenchServer(join(root, 'cdn'), tokens);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: chromiumArgs,
});

// tsx compiles with keepNames, which wraps functions passed to the page in a `__name` helper.
const keepNames = 'window.__name = (f) => f;';

// Long tasks are recorded from the first script on.
const observeLongTasks = () => {
  const w = window as unknown as { __long: { start: number; duration: number }[] };
  w.__long = [];
  new PerformanceObserver((list) => {
    for (const { startTime, duration } of list.getEntries())
      w.__long.push({ start: startTime, duration });
  }).observe({ type: 'longtask', buffered: true });
};

const launcher: number[] = [];
const launcherDom: number[] = [];
const firstOpen: number[] = [];
const longTasksLoading: number[] = [];
const longTasksOpening: number[] = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext(); // cold cache each run
  const page = await context.newPage();
  await page.addInitScript(keepNames);
  await page.addInitScript(observeLongTasks);
  await page.goto(`${url}/page.html`);
  // From the loader's first statement (mark `parley:loader`) to the next frame after the launcher is laid out.
  launcher.push(
    await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const check = () => {
            const button = document
              .querySelector('parley-chat')
              ?.shadowRoot?.querySelector('[part~="launcher"]');
            if (button && button.getBoundingClientRect().width > 0) {
              const start = performance.getEntriesByName('parley:loader')[0]!.startTime;
              requestAnimationFrame(() => resolve(performance.now() - start));
            } else requestAnimationFrame(check);
          };
          check();
        }),
    ),
  );
  launcherDom.push(
    await page.evaluate(
      () =>
        performance.getEntriesByName('parley:launcher')[0]!.startTime -
        performance.getEntriesByName('parley:loader')[0]!.startTime,
    ),
  );
  firstOpen.push(
    await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const chat = document.querySelector('parley-chat')!;
          const started = performance.now();
          (window as unknown as { __clicked: number }).__clicked = started;
          (chat.shadowRoot!.querySelector('[part~="launcher"]') as HTMLElement).click();
          const check = () => {
            const input = chat
              .shadowRoot!.querySelector('parley-panel')
              ?.shadowRoot?.querySelector('[part~="input"]');
            if (input && input.getBoundingClientRect().height > 0) {
              requestAnimationFrame(() => resolve(performance.now() - started));
            } else requestAnimationFrame(check);
          };
          check();
        }),
    ),
  );
  // Let a long task that ended with the open reach the observer.
  await page.waitForTimeout(100);
  const { long, clicked } = await page.evaluate(() => {
    const w = window as unknown as {
      __long: { start: number; duration: number }[];
      __clicked: number;
    };
    return { long: w.__long, clicked: w.__clicked };
  });
  longTasksLoading.push(
    Math.max(0, ...long.filter((t) => t.start < clicked).map((t) => t.duration)),
  );
  longTasksOpening.push(
    Math.max(0, ...long.filter((t) => t.start >= clicked).map((t) => t.duration)),
  );
  await context.close();
}

// Streaming: frame deltas from requestAnimationFrame while 2,000 tokens arrive.
const page = await browser.newPage();
await page.addInitScript(keepNames);
await page.goto(`${url}/page.html`);
const frames = await page.evaluate(async () => {
  const chat = document.querySelector('parley-chat') as HTMLElement & {
    send(t: string): Promise<void>;
  };
  await customElements.whenDefined('parley-chat');
  await (chat as unknown as { open(): Promise<void> }).open();
  const deltas: number[] = [];
  let last = performance.now();
  let streaming = true;
  const tick = (now: number) => {
    deltas.push(now - last);
    last = now;
    if (streaming) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  await chat.send('stream please');
  streaming = false;
  return deltas.slice(1);
});
await browser.close();
server.close();

const loaderGz = gz('parley.js');
const panelGz = gz(manifest.panel);
const competitors = measureCompetitors();

console.log(
  `Parley widget ${version} (budgets from issue 6); load average during the run: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores`,
);
console.log(
  `  sizes in bytes: loader ${loaderGz}, panel ${panelGz}, whole ${loaderGz + panelGz} (gzip -9, node zlib)`,
);
console.log(`  loader before first open   ${kb(loaderGz)} gzip   (budget ≤ 6 KiB)`);
console.log(`  panel chunk (on first open) ${kb(panelGz)} gzip`);
if (manifest.launcherExtras)
  console.log(
    `  launcher extras chunk       ${kb(gz(manifest.launcherExtras))} gzip   (only for themes with a label, another icon or a web font)`,
  );
if (manifest.signIn)
  console.log(
    `  sign-in chunk               ${kb(gz(manifest.signIn))} gzip   (only for tenants with SAML sign-in in the widget)`,
  );
if (manifest.serverHistory)
  console.log(
    `  server history chunk        ${kb(gz(manifest.serverHistory))} gzip   (only when this browser has no copy of the conversation)`,
  );
console.log(
  `  whole widget                ${kb(loaderGz + panelGz)} gzip   (budget ≤ 45 KiB; + ~0.8 KiB per non-English locale)`,
);
console.log(
  `  script execution → launcher ${median(launcher).toFixed(1)} ms median of ${runs}   (budget ≤ 50 ms)`,
);
console.log(
  `    of which loader start → launcher in the DOM ${median(launcherDom).toFixed(1)} ms median (the rest waits for a frame)`,
);
console.log(
  `  first open incl. lazy chunk ${median(firstOpen).toFixed(1)} ms median of ${runs}, cold cache   (budget ≤ 150 ms)`,
);
const longest = (xs: number[]) =>
  xs.some((x) => x > 0) ? `${Math.max(...xs).toFixed(0)} ms` : 'none over 50 ms';
console.log(
  `  long tasks on the host page: loading ${longest(longTasksLoading)}, first open ${longest(longTasksOpening)}, over ${runs} runs   (budget: none over 50 ms)`,
);
console.log(
  `  streaming ${tokens} tokens      p95 frame ${pct(frames, 0.95).toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms over ${frames.length} frames   (budget p95 ≤ 20 ms)`,
);
console.log(
  'Other embeddable chat widgets (npm tarballs fetched in this run, main browser bundle, gzip -9):',
);
for (const c of competitors) {
  console.log(
    `  ${c.name.padEnd(20)} ${c.gzipBytes ? `${kb(c.gzipBytes).padStart(10)}  ${c.version} ${c.file}` : c.note}`,
  );
}
console.log('Reproduce: npm run bench -- widget   (or: node --import tsx bench/widget/run.ts)');
