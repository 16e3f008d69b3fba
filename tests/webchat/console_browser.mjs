// Browser scenarios for the operator console: playwright-core driving Debian's Chromium.
// Run by tests/webchat/test_console_browser.py with the same settings as browser.mjs
// (ASB_BROWSER_TEST: pageUrl, consoleUrl, operators, chromium). Prints one JSON line.
// Scenarios: latency (delivery times both ways, the transcript following new messages),
// signin_paused (the sign-in page after too many wrong passwords).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const require = createRequire(path.join(HERE, 'package.json'));  // the test tools' own package
const { chromium } = require('playwright-core');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const settings = JSON.parse(process.env.ASB_BROWSER_TEST || '{}');
const SAMPLES = settings.samples || 9;
const progress = (...a) => console.error(new Date().toISOString().slice(11, 23), ...a);

async function launch() {
  // A fresh profile every run, one per person: each has its own cookies and storage.
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asb-console-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: settings.chromium || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    headless: true,
    viewport: { width: 1280, height: 800 },
  });
  const errors = [];
  context.on('weberror', (e) => errors.push(String(e.error())));
  const close = async () => { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); };
  return { context, errors, close };
}

// Record, in the page, when each new piece of text first appears under `selector`: the
// arrival time is taken where it happens, not when the test next looks.
async function recordArrivals(page, selector) {
  await page.evaluate((sel) => {
    window.__arrivals = {};
    const seen = () => document.querySelectorAll(sel).forEach((el) => {
      const t = el.textContent;
      if (!(t in window.__arrivals)) { window.__arrivals[t] = Date.now(); }
    });
    seen();
    new MutationObserver(seen).observe(document.body, { childList: true, subtree: true, characterData: true });
  }, selector);
}

async function arrival(page, text, timeout = 10000) {
  const handle = await page.waitForFunction((t) => {
    const hit = Object.keys(window.__arrivals).find((k) => k.includes(t));
    return hit ? window.__arrivals[hit] : null;
  }, text, { timeout, polling: 50 });
  return handle.jsonValue();
}

async function runAxe(page) {
  await page.evaluate(AXE_SOURCE);  // through DevTools: the console's CSP would block a <script>
  return page.evaluate(async () => (await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  })).violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })));
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const stats = (xs) => ({ samples: xs, median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function signIn(context, name) {
  const page = await context.newPage();
  await page.goto(`${settings.consoleUrl}/console/login`);
  await page.fill('#name', name);
  await page.fill('#password', settings.operators[name]);
  await Promise.all([page.waitForURL(/\/console\/$/), page.click('button[type=submit]')]);
  await page.waitForSelector('#queue li');
  return page;
}

async function residentAsksForAPerson(context) {
  const page = await context.newPage();
  await page.goto(settings.pageUrl);
  await page.click('[data-asb-chat-open]');
  await page.waitForSelector('#asbc-panel:not([hidden]) .asbc-msg--bot');
  await residentSays(page, "I'd like to talk to a person");
  await page.waitForFunction(() => /in the queue/.test(document.querySelector('#asbc-log').textContent),
    null, { timeout: 30000 });
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('asb-chat') || '{}').token);
  return { page, sessionId: token.split('.')[0] };
}

// Returns the moment Enter was pressed (the resident's "send").
async function residentSays(page, text) {
  await page.fill('#asbc-input', text);
  const t0 = Date.now();
  await page.press('#asbc-input', 'Enter');
  return t0;
}

const transcriptState = (page) => page.evaluate(() => {
  const t = document.getElementById('transcript');
  const button = document.getElementById('new-messages');
  return { atBottom: t.scrollHeight - t.scrollTop - t.clientHeight < 2, scrollTop: t.scrollTop,
    overflows: t.scrollHeight > t.clientHeight, newMessagesVisible: !!button && !button.hidden,
    newMessagesText: button ? button.textContent.trim() : null };
});

const scenarios = {

  async latency() {
    const resident = await launch();
    const operator = await launch();
    const out = { errors: [] };
    try {
      if (settings.blockStream) {  // e.g. a proxy that will not pass event streams on
        await operator.context.route('**/console/api/events', (route) => route.abort());
      }
      const alex = await signIn(operator.context, 'alex');
      const { page, sessionId } = await residentAsksForAPerson(resident.context);
      const queued = Date.now();  // the resident has been told their place
      const entry = `#queue button[data-session="${sessionId}"]`;
      await alex.waitForSelector(entry, { timeout: 10000 });
      const queueEntryMs = Date.now() - queued;
      await alex.click(entry);
      await alex.waitForSelector('#take:not([hidden])');
      await alex.click('#take');
      await alex.waitForSelector('#send:not([hidden])');
      await page.waitForSelector('.asbc-msg--staff', { timeout: 10000 });
      out.queueEntryMs = queueEntryMs;
      out.transport = await alex.evaluate(() => document.body.getAttribute('data-live') || 'polling');
      await recordArrivals(alex, '#transcript li.user .body');
      await recordArrivals(page, '.asbc-msg--staff');

      // Resident -> operator, then operator -> resident; spaced out irregularly so a polling
      // console is caught at every point of its cycle, as real messages would.
      const toOperator = [], toResident = [];
      for (let i = 1; i <= SAMPLES; i += 1) {
        const words = `Resident sample ${i} ${Date.now()}`;
        const t0 = await residentSays(page, words);
        toOperator.push((await arrival(alex, words)) - t0);
        await pause(150 + ((i * 137) % 400));
        const reply = `Operator sample ${i} ${Date.now()}`;
        await alex.fill('#reply', reply);
        const t1 = Date.now();
        await alex.click('#send button[type=submit]');
        toResident.push((await arrival(page, reply)) - t1);
        await pause(150 + ((i * 211) % 400));
        progress(`sample ${i}: to operator ${toOperator.at(-1)} ms, to resident ${toResident.at(-1)} ms`);
      }
      out.residentToOperatorMs = stats(toOperator);
      out.operatorToResidentMs = stats(toResident);

      // The transcript follows new messages while the operator is at the bottom...
      out.followed = await transcriptState(alex);
      // ...but not once they have scrolled up to read: then a "New messages" button appears.
      await alex.evaluate(() => { document.getElementById('transcript').scrollTop = 0; });
      await alex.waitForTimeout(200);
      out.scrolledUpBefore = await transcriptState(alex);
      const words = `While you were reading ${Date.now()}`;
      await residentSays(page, words);
      await arrival(alex, words);
      await alex.waitForTimeout(100);
      out.scrolledUp = await transcriptState(alex);
      if (out.scrolledUp.newMessagesVisible) {
        out.axeWithNewMessages = await runAxe(alex);
        await alex.screenshot({ path: path.join(settings.outputDir || ROOT, 'console-new-messages.png'), fullPage: true });
        await alex.focus('#new-messages');
        await alex.keyboard.press('Enter');  // works from the keyboard alone
        await alex.waitForTimeout(300);
        out.afterPressing = await transcriptState(alex);
        out.focusAfterPressing = await alex.evaluate(() => document.activeElement.id);
      }
      await alex.screenshot({ path: path.join(settings.outputDir || ROOT, 'console-transcript.png'), fullPage: true });
    } catch (e) {
      out.failure = String(e && e.stack || e);
    }
    out.errors = [...resident.errors, ...operator.errors];
    await resident.close(); await operator.close();
    return out;
  },

  async signin_paused() {
    const browser = await launch();
    const out = { attempts: [] };
    try {
      if (settings.forwardedFor) {  // stands for another address, as the force's proxy reports it
        await browser.context.setExtraHTTPHeaders({ 'X-Forwarded-For': settings.forwardedFor });
      }
      const page = await browser.context.newPage();
      for (let i = 0; i < settings.attempts; i += 1) {
        await page.goto(`${settings.consoleUrl}/console/login`);
        await page.fill('#name', settings.name);
        await page.fill('#password', 'not the password');
        const [resp] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
          page.click('button[type=submit]')]);
        out.attempts.push({ status: resp.status(), retryAfter: resp.headers()['retry-after'] || null,
          message: (await page.textContent('.error')).trim() });
      }
    } catch (e) {
      out.failure = String(e && e.stack || e);
    }
    out.errors = browser.errors;
    await browser.close();
    return out;
  },
};

const name = process.argv[2];
if (!scenarios[name]) { console.error(`unknown scenario ${name}`); process.exit(2); }
try {
  console.log(JSON.stringify(await scenarios[name]()));
} catch (e) {
  console.log(JSON.stringify({ fatal: String(e && e.stack || e) }));
}
process.exit(0);
