// Browser scenarios for the chat widget: playwright-core driving Debian's Chromium.
//
//   node tests/webchat/browser.mjs <scenario>     (settings in env ASB_BROWSER_TEST as JSON)
//
// Prints one JSON object on the last line of stdout; tests/webchat/test_widget.py asserts on it.
// Scenarios: full_application, check_answers_change, reload_and_tabs, quick_exit, xss, accessibility,
// handoff, three_turns, offline_queue, drop_in_flight, cut_after_send, queued_then_reload,
// expired_session, escape_default, character_count, reflow.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
// Test tools only, from this folder's own package (bin/ensure-browser); the widget's assets
// are served by the stack from webchat (bin/ensure-webchat, as make run installs them).
const require = createRequire(path.join(HERE, 'package.json'));
const { chromium } = require('playwright-core');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const settings = JSON.parse(process.env.ASB_BROWSER_TEST || '{}');
const PAGE = settings.pageUrl;                         // the demo page
const OUT = settings.outputDir || path.join(ROOT, 'tests', 'output');
const EXIT_URL = settings.exitUrl || 'https://www.bbc.co.uk/weather';
const EXIT_DELAY_MS = 600;                             // the neutral site "loads" this slowly
fs.mkdirSync(OUT, { recursive: true });

const progress = (...a) => console.error(new Date().toISOString().slice(11, 23), ...a);

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function launch() {
  // A fresh profile every run: nothing survives from one scenario to the next.
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asb-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: settings.chromium || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 800 },
  });
  // The neutral exit site, served locally (and slowly, so the blank page can be measured).
  await context.route(EXIT_URL.replace(/\/[^/]*$/, '/**'), async (route) => {
    await new Promise((r) => setTimeout(r, EXIT_DELAY_MS));
    await route.fulfill({ status: 200, contentType: 'text/html',
      body: '<!doctype html><html lang="en"><title>Weather</title><h1>Weather</h1></html>' });
  });
  const errors = [];
  context.on('weberror', (e) => errors.push(String(e.error())));
  const close = async () => { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); };
  return { context, errors, close };
}

async function newPage(context) {
  const page = await context.newPage();
  page.dialogs = [];
  page.on('dialog', async (d) => { page.dialogs.push(d.message()); await d.dismiss(); });
  return page;
}

// ------------------------------------------------------------------ widget helpers
const LOG = '#asbc-log';

async function transcript(page) {
  return page.$$eval(`${LOG} .asbc-msg`, (msgs) => msgs.map((m) => {
    const kind = ['bot', 'user', 'staff'].find((k) => m.classList.contains(`asbc-msg--${k}`));
    const body = m.querySelector('.asbc-body');
    return { from: kind, who: m.querySelector('.asbc-who').textContent.replace(/:$/, ''),
      text: body.innerText.trim(),
      buttons: [...m.querySelectorAll('.asbc-choice')].map((b) => b.textContent) };
  }));
}

// Wait until the reply is complete: typing indicator gone and the log quiet for a moment.
async function waitForReply(page, { minCount = 0, timeout = 30000 } = {}) {
  const started = Date.now();
  let lastCount = -1, stableSince = Date.now();
  while (Date.now() - started < timeout) {
    const state = await page.evaluate(() => ({
      count: document.querySelectorAll('#asbc-log .asbc-msg').length,
      typing: !document.querySelector('.asbc-typing').hidden,
    }));
    if (state.count !== lastCount) { lastCount = state.count; stableSince = Date.now(); }
    if (!state.typing && state.count >= minCount && state.count > 0 && Date.now() - stableSince > 400) return state.count;
    await page.waitForTimeout(100);
  }
  throw new Error(`no complete reply within ${timeout} ms`);
}

async function activeName(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a) return '';
    if (a.id === 'asbc-input') return '#input';
    return (a.getAttribute('aria-label') || a.textContent || '').trim();
  });
}

// Move focus with Tab (or Shift+Tab) until the focused control's name matches.
async function tabTo(page, matcher, { backwards = false, max = 80 } = {}) {
  const key = backwards ? 'Shift+Tab' : 'Tab';
  const matches = (name) => (typeof matcher === 'string' ? name === matcher : matcher.test(name));
  for (let i = 0; i < max; i += 1) {
    if (matches(await activeName(page))) return i;
    await page.keyboard.press(key);
  }
  throw new Error(`could not reach "${matcher}" with ${key}`);
}

async function openChatByKeyboard(page) {
  await page.goto(PAGE);
  await tabTo(page, /^Start now/);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#asbc-panel:not([hidden])');
  return waitForReply(page);
}

async function openChat(page) {
  await page.goto(PAGE);
  await page.click('[data-asb-chat-open]');
  await page.waitForSelector('#asbc-panel:not([hidden])');
  return waitForReply(page);
}

async function typeMessage(page, text) {
  const before = await page.$$eval(`${LOG} .asbc-msg`, (m) => m.length);
  if ((await activeName(page)) !== '#input') await tabTo(page, '#input');
  await page.keyboard.type(text, { delay: 2 });
  await page.keyboard.press('Enter');
  return waitForReply(page, { minCount: before + 2 });
}

async function pressChoice(page, title) {
  const before = await page.$$eval(`${LOG} .asbc-msg`, (m) => m.length);
  await tabTo(page, title, { backwards: true });
  await page.keyboard.press('Enter');
  return waitForReply(page, { minCount: before + 2 });
}

async function sessionToken(page) {
  return page.evaluate(() => (JSON.parse(sessionStorage.getItem('asb-chat') || '{}').token || null));
}

async function storageState(page) {
  return page.evaluate(() => ({
    session: Object.keys(sessionStorage), local: Object.keys(localStorage), cookies: document.cookie,
  }));
}

async function runAxe(page) {
  // Evaluated through the DevTools protocol, so the page's strict CSP does not block it.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

// ------------------------------------------------------------------ answering the assistant
// The assistant's questions, by keyword, and what a resident answers. Buttons are pressed by
// their visible name; anything else is typed. The first matching row wins.
const ANSWERS = [
  [/already reported this problem/i, { button: 'Yes' }],
  [/England or Wales/i, { button: 'Yes' }],
  [/Who is asking for the review/i, { button: /^Me\b/ }],
  [/in your own words, what is happening/i, { text: 'Lads racing scramblers behind the flats every night, revving engines till 2am.' }],
  [/where is this happening/i, { text: 'Meadow Road, Stafford ST16 2DH' }],
  [/Do you know who is doing it/i, { buttonOrText: [/don't know/i, "I don't know"] }],
  [/still going on/i, { button: 'Yes' }],
  [/because of who you are/i, { button: 'No' }],
  [/Tell me about a time you reported it/i, { text: 'I rang 101 on 3 October, again on 21 October and on 9 November.' }],
  [/Tell me about another time you reported it/i, { text: 'That was all of them' }],
  [/Who did you report .* to\?/i, { button: 'Police' }],
  [/When did you make that report/i, { text: '3 October' }],
  [/Did it happen on the day you reported it/i, { button: 'Same day' }],
  [/Just to check/i, { button: 'Yes' }],
  [/reference or crime number/i, { button: 'Skip' }],
  [/same incident/i, { button: 'No' }],
  [/any other times/i, { button: /^No/ }],
  [/Here are the reports you've told me about|Is that right\?/i, { buttonOrText: [/^Yes/, "yes that's right"] }],
  [/other people.*reported the same problem/i, { button: 'No one else' }],
  [/happy to be named/i, { button: 'No' }],
  [/how this is affecting you/i, { button: 'Skip this' }],
  [/especially vulnerable/i, { button: 'No' }],
  [/Shall we carry on/i, { buttonOrText: ['Carry on', 'carry on'] }],
  [/still like to send your application/i, { buttonOrText: ['Yes, send my application', 'yes'] }],
  [/What is your full name/i, { text: 'Jordan Ellis' }],
  [/What is your address/i, { text: '14 Meadow Road, Stafford ST16 2DH' }],
  [/How can the team contact you/i, { text: '07700 900123 or jordan.ellis@example.com' }],
  [/What phone number/i, { text: '07700 900123' }],
  [/email address\?/i, { text: 'jordan.ellis@example.com' }],
  [/prefer the team to contact you/i, { buttonOrText: [/^Either/, 'either is fine'] }],
  [/must NOT (use to )?contact you/i, { buttonOrText: ['Any way is fine', 'any way is fine'] }],
  [/Do you agree to this/i, { button: 'Yes, I agree' }],
  [/Is everything you've told me true/i, { button: 'Yes' }],
  [/Check your answers|Is everything right\?/i, { buttonOrText: [/^Yes/, 'yes send it'] }],
  [/Do you want to (stop|start again)/i, { button: /^No/ }],
];

function pickAnswer(botTexts) {
  // Look at the assistant's messages since the resident last spoke, newest first.
  for (let i = botTexts.length - 1; i >= 0; i -= 1) {
    for (const [pattern, answer] of ANSWERS) if (pattern.test(botTexts[i])) return { answer, question: botTexts[i] };
  }
  return { answer: undefined, question: botTexts[botTexts.length - 1] };
}

async function answer(page, answerSpec, buttons) {
  const findButton = (m) => buttons.find((b) => (typeof m === 'string' ? b === m : m.test(b)));
  if (answerSpec.button) {
    const name = findButton(answerSpec.button);
    if (!name) throw new Error(`no button ${answerSpec.button} among ${JSON.stringify(buttons)}`);
    await pressChoice(page, name);
    return { kind: 'button', value: name };
  }
  if (answerSpec.buttonOrText) {
    const name = findButton(answerSpec.buttonOrText[0]);
    if (name) { await pressChoice(page, name); return { kind: 'button', value: name }; }
    await typeMessage(page, answerSpec.buttonOrText[1]);
    return { kind: 'text', value: answerSpec.buttonOrText[1] };
  }
  await typeMessage(page, answerSpec.text);
  return { kind: 'text', value: answerSpec.text };
}


// Answer the assistant's questions until its latest message matches `until` (or it sends).
async function answerUntil(page, until, steps, maxTurns = 60) {
  for (let turn = 0; turn < maxTurns; turn += 1) {
    const t = await transcript(page);
    const lastUser = t.map((m) => m.from).lastIndexOf('user');
    const since = t.slice(lastUser + 1).filter((m) => m.from === 'bot');
    const ref = /Your reference is (ASB-[A-Z0-9-]+)/.exec(t.map((m) => m.text).join('\n'));
    if (ref) return ref[1];
    if (until && since.some((m) => until.test(m.text))) return null;
    steps.push(await answerLatest(page, since));
  }
  throw new Error(`did not reach ${until} in ${maxTurns} turns`);
}

// The assistant's messages since the resident last spoke.
async function sinceResident(page) {
  const t = await transcript(page);
  const lastUser = t.map((m) => m.from).lastIndexOf('user');
  return t.slice(lastUser + 1).filter((m) => m.from === 'bot');
}

// Answer the assistant's latest question (from ANSWERS); return what was done.
async function answerLatest(page, since) {
  const { answer: spec, question } = pickAnswer(since.map((m) => m.text));
  if (!spec) throw new Error(`no answer for: ${question}`);
  const did = await answer(page, spec, since.length ? since[since.length - 1].buttons : []);
  return { question: question.slice(0, 120), ...did };
}

// ------------------------------------------------------------------ operator console helpers
async function operatorSignIn(context, name) {
  const page = await newPage(context);
  await page.goto(`${settings.consoleUrl}/console/`);
  const redirectedToLogin = page.url().endsWith('/console/login');
  await page.fill('#name', name);
  await page.fill('#password', settings.operators[name]);
  await Promise.all([page.waitForURL(/\/console\/$/), page.click('button[type=submit]')]);
  await page.waitForSelector('#queue li');
  return { page, redirectedToLogin };
}

async function consoleTranscript(page) {
  return page.$$eval('#transcript li', (items) => items.map((li) => ({
    from: li.className.replace('msg ', ''), text: li.querySelector('.body').textContent })));
}

// Type into the widget without waiting for an answer (a person, not the assistant, replies).
async function typeToPerson(page, text) {
  await page.focus('#asbc-input');
  await page.keyboard.type(text, { delay: 2 });
  await page.keyboard.press('Enter');
}

// ------------------------------------------------------------------ scenarios
const scenarios = {

  async three_turns() {
    // The smallest real conversation: open the widget and answer three of its questions
    // (used against a fresh clone's `make run`, tests/run/test_fresh_clone.py).
    const { context, errors, close } = await launch();
    const page = await newPage(context);
    const steps = [];
    try {
      await openChat(page);
      for (let turn = 0; turn < (settings.turns || 3); turn += 1) {
        steps.push(await answerLatest(page, await sinceResident(page)));
      }
      return { steps, transcript: await transcript(page), errors };
    } finally {
      await close();
    }
  },

  async handoff() {
    // Three separate browsers: a resident, operator Alex and operator Sam (own cookies each).
    const resident = await launch();
    const alexB = await launch();
    const samB = await launch();
    const out = { steps: [], errors: [] };
    try {
      const { page: alex, redirectedToLogin } = await operatorSignIn(alexB.context, 'alex');
      out.redirectedToLogin = redirectedToLogin;
      const page = await newPage(resident.context);
      await openChat(page);
      await answerUntil(page, /Do you know who is doing it/i, out.steps);
      const before = (await transcript(page)).length;
      await typeToPerson(page, 'Can I talk to a real person please');
      await waitForReply(page, { minCount: before + 2 });
      out.queuedReply = (await transcript(page)).slice(before + 1).map((m) => m.text).join(' ');

      // Alex sees the resident queued, with why, and the case card so far.
      const sessionId = (await sessionToken(page)).split('.')[0];
      const entry = `#queue button[data-session="${sessionId}"]`;
      await alex.waitForSelector(entry, { timeout: 10000 });
      out.queueEntry = await alex.textContent(entry);
      await alex.click(entry);
      await alex.waitForSelector('#card:not([hidden]) #answers dt');
      out.cardBefore = await alex.textContent('#answers');
      await alex.click('#take');
      await alex.waitForSelector('#send:not([hidden])');
      out.consoleAxe = await runAxe(alex);
      await page.waitForSelector('.asbc-msg--staff', { timeout: 5000 });
      out.joined = await page.textContent('.asbc-msg--staff >> nth=-1');

      // Messages both ways, timed from the sender's action to the other side showing it.
      const staffBefore = await page.$$eval('.asbc-msg--staff', (m) => m.length);
      let t0 = Date.now();
      await alex.fill('#reply', "Hello, I'm Alex. How can I help?");
      await alex.click('#send button[type=submit]');
      await page.waitForFunction((n) => document.querySelectorAll('.asbc-msg--staff').length > n, staffBefore, { timeout: 5000, polling: 20 });
      out.operatorToResidentMs = Date.now() - t0;
      out.staffText = await page.textContent('.asbc-msg--staff >> nth=-1');
      t0 = Date.now();
      await typeToPerson(page, 'The street I gave you is wrong, it is outside 12 Elm Road');
      await alex.waitForFunction(() => [...document.querySelectorAll('#transcript li.user .body')]
        .some((b) => b.textContent.includes('12 Elm Road')), null, { timeout: 5000, polling: 20 });
      out.residentToOperatorMs = Date.now() - t0;
      out.assistantSilent = (await transcript(page)).slice(-1)[0].from === 'user';

      // Sam sees it taken and cannot write into it, in the page or through the API.
      const { page: sam } = await operatorSignIn(samB.context, 'sam');
      await sam.waitForSelector(entry, { timeout: 10000 });
      out.samQueueEntry = await sam.textContent(entry);
      await sam.click(entry);
      await sam.waitForSelector('#conversation:not([hidden])');
      await sam.waitForTimeout(700);
      out.samState = await sam.textContent('#conv-state');
      out.samCanSend = await sam.isVisible('#send');
      out.samTakeVisible = await sam.isVisible('#take');
      out.sessionId = sessionId;
      out.samApiSend = await sam.evaluate(async (sid) => (await fetch(`/console/api/conversations/${sid}/send`, {
        method: 'POST', headers: { 'X-Console': '1', 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: 'from sam' }) })).status, sessionId);

      // Alex corrects the location on the card and hands back.
      await alex.selectOption('#correct-slot', 'location');
      await alex.fill('#correct-value', 'Outside 12 Elm Road, Stafford');
      await alex.click('#correct button[type=submit]');
      await alex.waitForFunction(() => document.querySelector('#answers').textContent.includes('Outside 12 Elm Road'), null, { timeout: 5000 });
      const botBefore = await page.$$eval('.asbc-msg--bot', (m) => m.length);
      await alex.click('#handback');
      await page.waitForFunction((n) => document.querySelectorAll('.asbc-msg--bot').length > n + 1, botBefore, { timeout: 15000 });
      await waitForReply(page);
      const afterHandback = (await transcript(page)).filter((m) => m.from === 'bot').slice(-2).map((m) => m.text);
      out.afterHandback = afterHandback;
      await page.screenshot({ path: path.join(OUT, 'handoff-resident.png') });
      await alex.screenshot({ path: path.join(OUT, 'handoff-operator.png'), fullPage: true });

      // The assistant carries on and reaches the send step, with the corrected answer.
      out.reference = await answerUntil(page, null, out.steps, 60);
      const all = await transcript(page);
      out.checkYourAnswers = (all.find((m) => /Check your answers/.test(m.text)) || {}).text || '';
      out.whoTalked = [...new Set(all.map((m) => m.who))];
      out.alexTranscript = await consoleTranscript(alex);
    } catch (e) {
      out.failure = String(e && e.stack || e);
    }
    out.errors = [...resident.errors, ...alexB.errors, ...samB.errors];
    await resident.close(); await alexB.close(); await samB.close();
    return out;
  },
  async full_application() {
    const { context, errors, close } = await launch();
    const page = await newPage(context);
    const steps = [];
    let reference = null, failure = null;
    try {
      await openChatByKeyboard(page);
      for (let turn = 0; turn < 60; turn += 1) {
        const t = await transcript(page);
        const lastUser = t.map((m) => m.from).lastIndexOf('user');
        const since = t.slice(lastUser + 1).filter((m) => m.from !== 'user');
        const joined = t.map((m) => m.text).join('\n');
        const ref = /Your reference is (ASB-[A-Z0-9-]+)/.exec(joined);
        if (ref) { reference = ref[1]; break; }
        const { answer: spec, question } = pickAnswer(since.map((m) => m.text));
        if (!spec) { failure = `no answer for: ${question}`; break; }
        const buttons = since.length ? since[since.length - 1].buttons : [];
        const did = await answer(page, spec, buttons);
        steps.push({ question: question.slice(0, 120), ...did });
        if (turn === 5) await page.screenshot({ path: path.join(OUT, 'webchat-desktop.png') });
      }
      await page.screenshot({ path: path.join(OUT, 'webchat-desktop-sent.png') });
    } catch (e) {
      failure = String(e && e.stack || e);
      await page.screenshot({ path: path.join(OUT, 'webchat-full-application-failure.png') }).catch(() => {});
    }
    const result = { reference, failure, steps, transcript: await transcript(page).catch(() => []),
      usedMouse: false, dialogs: page.dialogs, errors };
    await close();
    return result;
  },

  // Check your answers as a summary list: Change beside "Where" asks where again, and the
  // new answer shows in the summary that follows.
  async check_answers_change() {
    const { context, errors, close } = await launch();
    const page = await newPage(context);
    const steps = [];
    const out = { steps, errors, failure: null };
    const summary = () => page.$$eval(`${LOG} .asbc-msg`, (msgs) => msgs.filter((m) => m.querySelector('.govuk-summary-list'))
      .map((m) => ({
        from: ['bot', 'user', 'staff'].find((k) => m.classList.contains(`asbc-msg--${k}`)),
        title: (m.querySelector('.asbc-summary-title') || {}).textContent,
        textLists: m.querySelectorAll('.asbc-list').length,
        rows: [...m.querySelectorAll('.govuk-summary-list__row')].map((r) => ({
          key: r.querySelector('.govuk-summary-list__key').textContent,
          value: r.querySelector('.govuk-summary-list__value').textContent,
          change: r.querySelector('button') ? r.querySelector('button').textContent : null,
          hidden: r.querySelector('button .govuk-visually-hidden') ? getComputedStyle(r.querySelector('button .govuk-visually-hidden')).clipPath : null,
        })),
      })));
    try {
      await openChat(page);
      await answerUntil(page, /Check your answers/, steps);
      out.before = await summary();
      out.axe = await runAxe(page);
      await page.screenshot({ path: path.join(OUT, 'webchat-check-your-answers.png') });
      const count = (await transcript(page)).length;
      await tabTo(page, 'Change where', { backwards: true });
      await page.keyboard.press('Enter');
      await waitForReply(page, { minCount: count + 2 });
      out.afterChange = (await transcript(page)).slice(count);
      await typeMessage(page, 'Oak Road, Stafford ST16 3AB');
      out.after = await summary();
    } catch (e) {
      out.failure = String(e && e.stack || e);
      await page.screenshot({ path: path.join(OUT, 'webchat-check-answers-failure.png') }).catch(() => {});
    }
    await close();
    return out;
  },

  async reload_and_tabs() {
    const { context, errors, close } = await launch();
    const first = await newPage(context);
    await openChat(first);
    await pressChoice(first, 'Yes');
    const tokenBefore = await sessionToken(first);
    const before = await transcript(first);
    await first.reload();
    await first.waitForSelector('#asbc-panel:not([hidden])');
    await waitForReply(first, { minCount: before.length });
    const afterReload = await transcript(first);
    const tokenAfterReload = await sessionToken(first);
    // The conversation carries on after the reload.
    const lastButtons = afterReload[afterReload.length - 1].buttons;
    let continued = false;
    if (lastButtons.length) { await pressChoice(first, lastButtons[0]); continued = true; }
    const afterContinue = await transcript(first);

    const second = await newPage(context);      // a second tab
    const secondStorageBefore = await (async () => { await second.goto(PAGE); return storageState(second); })();
    await second.click('[data-asb-chat-open]');
    await second.waitForSelector('#asbc-panel:not([hidden])');
    await waitForReply(second);
    const secondTab = await transcript(second);
    const secondToken = await sessionToken(second);
    const firstStorage = await storageState(first);

    await first.close();                          // close the tab ...
    const reopened = await newPage(context);      // ... and open the page again
    await reopened.goto(PAGE);
    const reopenedStorage = await storageState(reopened);
    await reopened.click('[data-asb-chat-open]');
    await reopened.waitForSelector('#asbc-panel:not([hidden])');
    await waitForReply(reopened);
    const reopenedTranscript = await transcript(reopened);
    const reopenedToken = await sessionToken(reopened);
    const cookies = await context.cookies();
    await close();
    return { tokenBefore, tokenAfterReload, before, afterReload, continued, afterContinue,
      secondStorageBefore, secondTab, secondToken, firstStorage, reopenedStorage, reopenedTranscript,
      reopenedToken, cookies, errors };
  },

  async quick_exit() {
    const mode = settings.mode || 'button';
    const { context, errors, close } = await launch();
    const reports = [];
    await context.exposeBinding('__asbReport', (_src, data) => { reports.push(data); });
    // Runs before the widget: records when the trigger happened and when the page went blank.
    await context.addInitScript(() => {
      let trigger = null;
      // The event that set the exit off: the last one before the page was marked as exited.
      const note = (e) => {
        if (document.documentElement && document.documentElement.hasAttribute('data-asbc-exited')) return;
        trigger = { type: e.type, key: e.key || '', t: e.timeStamp };
      };
      ['click', 'keydown', 'keyup'].forEach((t) => window.addEventListener(t, note, true));
      new MutationObserver(() => {
        if (!document.documentElement.hasAttribute('data-asbc-exited') || window.__asbSeen) return;
        window.__asbSeen = true;
        const tBlank = performance.now();
        const state = {
          bodyDisplay: document.body ? getComputedStyle(document.body).display : 'none',
          storage: sessionStorage.getItem('asb-chat'),
          title: document.title,
        };
        requestAnimationFrame(() => requestAnimationFrame(() => {
          window.__asbReport({ trigger, tBlank, tPainted: performance.now(), ...state,
            textLeft: document.body ? document.body.innerText.trim() : '' });
        }));
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-asbc-exited'] });
    });
    if (mode === 'escape') await configure(context, { escapeExits: true });  // off unless the host turns it on
    const page = await newPage(context);
    await page.goto('about:blank');
    await openChat(page);
    await pressChoice(page, 'Yes');
    const token = await sessionToken(page);
    const transcriptBefore = await transcript(page);
    await page.focus('#asbc-input');
    await page.keyboard.type('He watches my ph', { delay: 5 });
    const navigated = page.waitForURL((u) => u.toString().startsWith(EXIT_URL), { timeout: 15000 });
    if (mode === 'button') {
      await page.click('.asbc-head .asbc-exit');
    } else if (mode === 'shift') {
      for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
    } else if (mode === 'escape') {
      await page.keyboard.press('Escape');
    }
    await navigated;
    await page.waitForTimeout(300);
    const landed = page.url();
    const historyLength = await page.evaluate(() => history.length);
    let backUrl = null;
    try { await page.goBack({ timeout: 5000 }); } catch (e) { /* nothing to go back to */ }
    backUrl = page.url();
    const backText = await page.evaluate(() => (document.body ? document.body.innerText : '')).catch(() => '');
    // Same tab, back on the force site: the widget must remember nothing.
    await page.goto(PAGE);
    const storageAfter = await storageState(page);
    const panelOpen = await page.$eval('#asbc-panel', (p) => !p.hidden);
    await close();
    const r = reports[0] || null;
    return { mode, token, transcriptBefore, report: r,
      blankMs: r ? r.tBlank - r.trigger.t : null, paintedMs: r ? r.tPainted - r.trigger.t : null,
      landed, historyLength, backUrl, backShowsChat: /Assistant|Leave this site/.test(backText),
      storageAfter, panelOpenAfter: panelOpen, errors };
  },

  async page_words() {
    // A Welsh page passes its own words for the widget's table (WORDS in widget.js).
    const { context, errors, close } = await launch();
    await context.route('**/config.js', async (route) => {
      const original = await route.fetch();
      const body = (await original.text()) +
        'window.ASBChatConfig.words = { send: "Anfon", whoBot: "Cynorthwyydd", hideChat: "Cuddio\'r sgwrs" };\n';
      await route.fulfill({ response: original, body });
    });
    const page = await newPage(context);
    await openChat(page);
    const send = await page.$eval('.asbc-send', (b) => b.textContent);
    const hide = await page.$eval('[data-asbc-hide]', (b) => b.textContent);
    const who = await page.$$eval('.asbc-msg--bot .asbc-who', (w) => w.map((x) => x.textContent));
    const hint = await page.$eval('#asbc-input-hint', (p) => p.textContent);
    await close();
    return { send, hide, who, hint, errors };
  },

  async xss() {
    const { context, errors, close } = await launch();
    const page = await newPage(context);
    await openChat(page);
    const payload = '<img src=x onerror=alert(1)>';
    await typeMessage(page, payload);
    const t = await transcript(page);
    const imgs = await page.$$eval('#asbc-root img', (i) => i.length);
    const userBodies = await page.$$eval('.asbc-msg--user .asbc-body', (b) => b.map((x) => ({ text: x.textContent, html: x.innerHTML })));
    await page.waitForTimeout(500);
    await close();
    return { payload, transcript: t, imgs, userBodies, dialogs: page.dialogs, errors };
  },

  async accessibility() {
    const { context, errors, close } = await launch();
    const page = await newPage(context);
    await page.goto(PAGE);
    await page.waitForSelector('#asbc-root', { state: 'attached' });
    const closed = await runAxe(page); progress('const closed = await runAxe(pa');
    await page.click('[data-asb-chat-open]');
    await waitForReply(page);
    const opened = await runAxe(page); progress('const opened = await runAxe(pa');

    // Keyboard: every control reachable, focus visible on each, and Tab leaves the widget.
    await page.focus('#asbc-input');
    const stops = [];
    for (let i = 0; i < 120; i += 1) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const a = document.activeElement;
        const inWidget = !!(a && a.closest && a.closest('#asbc-root'));
        const s = a ? getComputedStyle(a) : null;
        const r = a ? a.getBoundingClientRect() : null;
        return { name: a ? (a.id === 'asbc-input' ? '#input' : (a.getAttribute('aria-label') || a.textContent || a.tagName).trim().slice(0, 40)) : '',
          inWidget, tag: a ? a.tagName : '',
          focusStyle: s ? `${s.outlineStyle} ${s.outlineWidth} | ${s.boxShadow} | ${s.backgroundColor}` : '',
          width: r ? r.width : 0, height: r ? r.height : 0 };
      });
      stops.push(info);
      // Round the whole page: out of the widget, through the page, back in and out again.
      const changes = stops.filter((s, j) => j > 0 && s.inWidget !== stops[j - 1].inWidget).length;
      if (changes >= 3 && !info.inWidget) break;
    }
    progress('focusDiff');
    const focusDiff = await page.evaluate(() => {
      // Compare each widget control's look with and without focus.
      const out = [];
      document.querySelectorAll('#asbc-root button:not([hidden]), #asbc-root textarea, #asbc-log').forEach((el) => {
        if (!el.offsetParent && el.id !== 'asbc-log') return;
        const look = () => { const s = getComputedStyle(el); return `${s.outline}|${s.boxShadow}|${s.backgroundColor}|${s.color}`; };
        document.activeElement && document.activeElement.blur();
        const plain = look();
        el.focus({ focusVisible: true });
        out.push({ name: (el.id || el.textContent).trim().slice(0, 30), changed: look() !== plain });
      });
      return out;
    });

    // A short conversation, then check again.
    await pressChoice(page, 'Yes');
    await typeMessage(page, 'Yes');
    const after = await runAxe(page); progress('const after = await runAxe(pag');
    await page.screenshot({ path: path.join(OUT, 'webchat-desktop-open.png') });

    const measure = async (label) => page.evaluate((label) => {
      const vw = document.documentElement.clientWidth;
      const input = document.getElementById('asbc-input').getBoundingClientRect();
      const small = [...document.querySelectorAll('#asbc-root button, #asbc-root textarea')]
        .filter((b) => b.offsetParent).map((b) => ({ n: b.textContent.trim().slice(0, 20), r: b.getBoundingClientRect() }))
        .filter((x) => x.r.width < 24 || x.r.height < 24).map((x) => x.n);
      return { label, viewport: [window.innerWidth, window.innerHeight], scrollWidth: document.documentElement.scrollWidth, clientWidth: vw,
        inputVisible: input.top >= 0 && input.bottom <= window.innerHeight && input.left >= 0 && input.right <= vw,
        inputBox: [input.left, input.top, input.width, input.height],
        exitVisible: (() => { const r = document.querySelector('.asbc-head .asbc-exit').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight && r.right <= vw; })(),
        smallTargets: small };
    }, label);

    const layouts = [];
    await page.setViewportSize({ width: 375, height: 740 });
    await page.waitForTimeout(200);
    layouts.push(await measure('phone 375x740'));
    await page.screenshot({ path: path.join(OUT, 'webchat-phone.png') });
    await page.setViewportSize({ width: 320, height: 640 });
    await page.waitForTimeout(200);
    layouts.push(await measure('320 px wide')); progress("layouts.push(await measure('32");
    const narrow = await runAxe(page);
    await page.screenshot({ path: path.join(OUT, 'webchat-320.png') });
    // The on-screen keyboard takes about half the screen (the page resizes to what is left).
    await page.setViewportSize({ width: 375, height: 330 });
    await page.waitForTimeout(200);
    layouts.push(await measure('phone with keyboard up 375x330'));
    await page.screenshot({ path: path.join(OUT, 'webchat-phone-keyboard.png') });
    // 200% zoom of a 1280x800 window is a 640x400 CSS-pixel viewport at device scale 2.
    await page.setViewportSize({ width: 640, height: 400 });
    await page.waitForTimeout(200);
    layouts.push(await measure('200% zoom of 1280x800'));
    // The conversation still works in the narrow layout.
    const beforeNarrow = (await transcript(page)).length;
    const lastButtons = (await transcript(page)).slice(-1)[0].buttons;
    if (lastButtons.length) await pressChoice(page, lastButtons[0]); else await typeMessage(page, 'yes');
    const afterNarrow = (await transcript(page)).length;
    await close();
    return { closed, opened, after, narrow, stops, focusDiff, layouts, narrowWorks: afterNarrow > beforeNarrow, errors };
  },
};

// ------------------------------------------------------------------ bad connections, reflow
const SHOTS = settings.screenshotDir || path.join(ROOT, 'results', 'screenshots');
fs.mkdirSync(SHOTS, { recursive: true });

// What the host page tells the widget, changed as a host site would (e.g. escapeExits).
async function configure(context, extra) {
  await context.route('**/config.js', async (route) => {
    const response = await route.fetch();
    const body = `${await response.text()}Object.assign(window.ASBChatConfig, ${JSON.stringify(extra)});\n`;
    await route.fulfill({ response, body });
  });
}

// The widget's WebSocket goes through the test, so the connection can be cut at a chosen
// moment: "offline" cuts it and refuses new ones (HTTP polling is stopped by setOffline),
// and `onUserMessage` may drop a message in flight or cut the line just after it.
async function controlledNetwork(context) {
  const net = { offline: false, links: new Set(), onUserMessage: null, userFrames: 0, sent: {}, cuts: 0 };
  const cut = (link) => {
    if (!net.links.delete(link)) return;
    net.cuts += 1;
    link.page.close({ code: 1006, reason: 'network lost' });
    link.server.close();
  };
  // Which messages went out, and how often, over WebSocket or HTTP long-polling.
  const count = (payload) => {
    for (const said of payload.matchAll(/"user_uttered",\{"message":"((?:[^"\\]|\\.)*)"/g)) {
      net.userFrames += 1;
      net.sent[said[1]] = (net.sent[said[1]] || 0) + 1;
    }
  };
  await context.route('**/socket.io/**', async (route) => {
    if (route.request().method() === 'POST') count(route.request().postData() || '');
    await route.continue();
  });
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (net.offline) { ws.close({ code: 1006, reason: 'offline' }); return; }
    const link = { page: ws, server: ws.connectToServer() };
    net.links.add(link);
    ws.onMessage((frame) => {
      if (!net.links.has(link)) return;
      if (typeof frame === 'string' && frame.includes('"user_uttered"')) {
        count(frame);
        const action = net.onUserMessage ? net.onUserMessage(frame) : 'pass';
        if (action === 'drop') { cut(link); return; }           // lost on the way
        link.server.send(frame);
        if (action === 'cut-after') setTimeout(() => cut(link), 20);  // arrives, the reply is lost
        return;
      }
      link.server.send(frame);
    });
    link.server.onMessage((frame) => { if (net.links.has(link)) ws.send(frame); });
    ws.onClose(() => { if (net.links.delete(link)) link.server.close(); });
    link.server.onClose(() => { if (net.links.delete(link)) ws.close(); });
  });
  net.goOffline = async () => { net.offline = true; await context.setOffline(true); [...net.links].forEach(cut); };
  net.goOnline = async () => { net.offline = false; await context.setOffline(false); };
  return net;
}

async function widgetState(page) {
  return page.evaluate(() => ({
    states: [...document.querySelectorAll('#asbc-log .asbc-state')].map((s) => s.textContent),
    status: document.querySelector('.asbc-status').textContent,
    typing: !document.querySelector('.asbc-typing').hidden,
  }));
}

// Until every queued message is acknowledged and the replies have come.
async function waitForOutboxEmpty(page, { timeout = 60000 } = {}) {
  await page.waitForFunction(() => !document.querySelector('#asbc-log .asbc-state')
    && !(JSON.parse(sessionStorage.getItem('asb-chat') || '{}').outbox || []).length, null, { timeout, polling: 100 });
  return waitForReply(page, { timeout });
}

// One scenario in a fresh browser with the chat open: `body(page, out, ctx)` fills `out`
// (`setup(context)` runs first and its result is `ctx`); a failure is reported, not thrown.
async function withChat(label, body, setup) {
  const { context, errors, close } = await launch();
  const ctx = setup ? await setup(context) : null;
  const page = await newPage(context);
  const out = { errors };
  try {
    await openChat(page);
    await body(page, out, ctx);
  } catch (e) {
    out.failure = String(e && e.stack || e);
    out.after = await transcript(page).catch(() => []);
    out.afterState = await widgetState(page).catch(() => null);
    out.tokenAfter = await sessionToken(page).catch(() => null);
    await page.screenshot({ path: path.join(SHOTS, `webchat-${label}-failure.png`) }).catch(() => {});
  }
  await close();
  return out;
}

// Answer "already reported?" and note the conversation as it was before the test's trouble.
async function intoConversation(page, out) {
  await pressChoice(page, 'Yes');
  out.tokenBefore = await sessionToken(page);
  out.before = await transcript(page);
}

async function settled(page, out) {
  await waitForOutboxEmpty(page);
  await page.waitForTimeout(1500);                         // anything answered twice would show now
  out.after = await transcript(page);
  out.afterState = await widgetState(page);
  out.tokenAfter = await sessionToken(page);
}

async function offlineScenario(mode) {
  let net = null;
  const out = await withChat(mode, async (page, out) => {
    await intoConversation(page, out);
    if (mode === 'offline') {
      await net.goOffline();
      await page.waitForFunction(() => /Connection lost|Cannot reach/.test(document.querySelector('.asbc-status').textContent), null, { timeout: 10000 });
      await typeToPerson(page, 'yes');                      // in England or Wales
      await typeToPerson(page, 'me');                       // who is asking
      out.whileOffline = await widgetState(page);
      await page.waitForSelector('.asbc-state--failed', { timeout: 10000 });
      out.afterTimeout = await widgetState(page);
      await page.screenshot({ path: path.join(SHOTS, 'webchat-offline-not-sent.png') });
      await page.waitForTimeout(500);
      await net.goOnline();
    } else {
      // The first message is lost on the way ('drop'), or arrives but the line goes before
      // its acknowledgement and reply come back ('cut-after'); the second is typed meanwhile.
      let first = true;
      net.onUserMessage = (frame) => {
        if (first && frame.includes('"yes"')) { first = false; return mode; }
        return 'pass';
      };
      await typeToPerson(page, 'yes');
      await typeToPerson(page, 'me');
      out.duringDrop = await widgetState(page);
    }
    await settled(page, out);
    await page.screenshot({ path: path.join(SHOTS, `webchat-${mode}-delivered.png`) });
  }, async (context) => {
    await configure(context, { sendTimeout: 3 });
    net = await controlledNetwork(context);
  });
  out.mode = mode;
  out.userFrames = net.userFrames;
  out.sent = net.sent;                 // how often each message went out on the wire
  out.cuts = net.cuts;
  return out;
}

scenarios.offline_queue = () => offlineScenario('offline');
scenarios.drop_in_flight = () => offlineScenario('drop');
scenarios.cut_after_send = () => offlineScenario('cut-after');

scenarios.escape_default = () => withChat('escape', async (page, out) => {
  await page.focus('#asbc-input');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(1500);
  Object.assign(out, { url: page.url(), exited: await page.evaluate(() => document.documentElement.hasAttribute('data-asbc-exited')),
    panelOpen: await page.$eval('#asbc-panel', (p) => !p.hidden), token: await sessionToken(page),
    intro: await page.textContent('.asbc-intro') });
});

scenarios.character_count = () => withChat('too-long', async (page, out) => {
  const look = () => page.evaluate(() => {
    const input = document.getElementById('asbc-input');
    const error = document.getElementById('asbc-input-error');
    return { count: document.querySelector('.asbc-count').textContent,
      live: document.querySelector('.asbc-count + .asbc-vh').textContent,
      info: document.getElementById('asbc-count-info').textContent,
      describedBy: input.getAttribute('aria-describedby'), invalid: input.getAttribute('aria-invalid'),
      error: error.hidden ? null : error.textContent, value: input.value.length,
      over: document.querySelector('.asbc-count').classList.contains('asbc-count--over'),
      liveRegion: document.querySelector('.asbc-count + .asbc-vh').getAttribute('aria-live') };
  });
  out.initial = await look();
  out.messagesBefore = (await transcript(page)).length;
  await page.fill('#asbc-input', 'x'.repeat(4010));
  await page.waitForTimeout(1300);                       // the announcement waits for a pause
  out.over = await look();
  await page.focus('#asbc-input');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(800);
  out.afterSend = await look();
  out.messagesAfterSend = (await transcript(page)).length;
  out.focus = await activeName(page);
  out.axe = await runAxe(page);
  await page.screenshot({ path: path.join(SHOTS, 'webchat-too-long.png') });
  await page.fill('#asbc-input', 'x'.repeat(3999));
  await page.waitForTimeout(200);
  out.under = await look();
});

// Reflow (WCAG 1.4.10): a 320 px phone, and 400 % zoom of a 1280x720 window (320x180 CSS px).
async function layoutAt(viewport, deviceScaleFactor, label) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asb-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: settings.chromium || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true,
    viewport, deviceScaleFactor,
  });
  const errors = [];
  context.on('weberror', (e) => errors.push(String(e.error())));
  const page = await newPage(context);
  const out = { label, viewport, deviceScaleFactor, errors };
  try {
    await page.goto(PAGE);
    await page.waitForSelector('.asbc-bar .asbc-launcher');
    out.closed = await page.evaluate(() => {
      const vw = document.documentElement.clientWidth, vh = window.innerHeight;
      const covered = [...document.querySelectorAll('.asbc-bar > *')].map((b) => b.getBoundingClientRect())
        .reduce((sum, r) => sum + Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0)) * Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0)), 0);
      const bar = document.querySelector('.asbc-bar').getBoundingClientRect();
      return { coveredShare: covered / (vw * vh), bar: [bar.left, bar.top, bar.width, bar.height],
        launcher: document.querySelector('.asbc-launcher').innerText.trim(), scrollWidth: document.documentElement.scrollWidth, clientWidth: vw };
    });
    await page.screenshot({ path: path.join(SHOTS, `webchat-${label}-closed.png`) });
    await page.click('.asbc-launcher');
    await page.waitForSelector('#asbc-panel:not([hidden])');
    await waitForReply(page);
    await pressChoice(page, 'Yes');
    await page.focus('#asbc-input');
    await page.keyboard.type('yes', { delay: 2 });
    await page.keyboard.press('Enter');
    await waitForReply(page, { minCount: 3 });
    out.typing = await page.evaluate(() => {   // while typing: is the message box on screen?
      const r = document.getElementById('asbc-input').getBoundingClientRect();
      return { inputVisible: r.top >= 0 && r.bottom <= window.innerHeight };
    });
    // The conversation area as it is on screen when the resident looks at it (at 400 % zoom
    // the panel scrolls: the message box is below it), clipped by the viewport.
    out.open = await page.evaluate(() => {
      document.querySelector('.asbc-scroll').scrollIntoView({ block: 'end' });
      const vw = document.documentElement.clientWidth, vh = window.innerHeight;
      const sc = document.querySelector('.asbc-scroll').getBoundingClientRect();
      const exit = document.querySelector('.asbc-head .asbc-exit').getBoundingClientRect();
      return { conversationHeight: sc.height, conversationVisible: Math.max(0, Math.min(sc.bottom, vh) - Math.max(sc.top, 0)),
        conversationWidth: sc.width, exitVisible: exit.top >= 0 && exit.bottom <= vh && exit.right <= vw,
        scrollWidth: document.documentElement.scrollWidth, clientWidth: vw,
        messages: document.querySelectorAll('#asbc-log .asbc-msg').length };
    });
    await page.screenshot({ path: path.join(SHOTS, `webchat-${label}-open.png`) });
  } catch (e) {
    out.failure = String(e && e.stack || e);
    await page.screenshot({ path: path.join(SHOTS, `webchat-${label}-failure.png`) }).catch(() => {});
  }
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
  return out;
}

scenarios.reflow = async () => ({
  phone: await layoutAt({ width: 320, height: 568 }, 1, '320px'),
  zoom400: await layoutAt({ width: 320, height: 180 }, 4, 'zoom400'),
});

// The chat server unreachable while the page is not: new sockets refused, polling aborted.
async function chatServerDown(context, net, down) {
  net.offline = down;
  net.refuse = net.refuse || ((route) => route.abort('internetdisconnected'));
  if (down) {
    await context.route('**/socket.io/**', net.refuse);
    [...net.links].forEach((link) => { link.page.close({ code: 1006 }); link.server.close(); net.links.delete(link); });
  } else {
    await context.unroute('**/socket.io/**', net.refuse);  // the counting route stays
  }
}

scenarios.queued_then_reload = () => {
  let net = null;
  return withChat('reload', async (page, out, context) => {
    await intoConversation(page, out);
    await chatServerDown(context, net, true);
    await page.waitForFunction(() => /Connection lost|Cannot reach/.test(document.querySelector('.asbc-status').textContent), null, { timeout: 10000 });
    await typeToPerson(page, 'yes');
    out.beforeReload = await widgetState(page);
    await page.reload();
    await page.waitForSelector('#asbc-panel:not([hidden])');
    await page.waitForTimeout(1500);
    out.afterReload = { ...(await widgetState(page)), transcript: await transcript(page) };
    await chatServerDown(context, net, false);
    await settled(page, out);
  }, async (context) => { net = await controlledNetwork(context); return context; });
};

scenarios.expired_session = () => withChat('expired', async (page, out) => {
  await intoConversation(page, out);
  // The server no longer accepts the token (as after expiry): a token it never signed.
  await page.evaluate(() => {
    const s = JSON.parse(sessionStorage.getItem('asb-chat'));
    s.token = `${s.token.split('.')[0]}.1.forged`;
    sessionStorage.setItem('asb-chat', JSON.stringify(s));
  });
  await page.reload();
  await page.waitForSelector('#asbc-panel:not([hidden])');
  await waitForReply(page);
  out.status = await page.textContent('.asbc-status');
  out.transcript = await transcript(page);
  out.tokenAfter = await sessionToken(page);
});

const name = process.argv[2];
if (!scenarios[name]) { console.error(`unknown scenario ${name}`); process.exit(2); }
const started = Date.now();
try {
  const result = await scenarios[name]();
  result.seconds = (Date.now() - started) / 1000;
  console.log(JSON.stringify(result));
} catch (e) {
  console.log(JSON.stringify({ fatal: String(e && e.stack || e), seconds: (Date.now() - started) / 1000 }));
  process.exitCode = 1;
}
