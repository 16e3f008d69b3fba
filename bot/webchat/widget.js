/*
 * ASB Case Review chat widget.
 *
 * Embed with one script tag (see docs/webchat.md):
 *   <script src="https://CHAT-HOST/widget.js" data-server="https://RASA-HOST" defer></script>
 * or set window.ASBChatConfig = {...} before it (the demo server serves /config.js).
 *
 * Rules this file keeps:
 * - Anything a resident or a member of staff typed, and anything the assistant says, is put
 *   into the page with textContent / createTextNode only - never innerHTML.
 * - The session token lives in sessionStorage only (never localStorage, never cookies).
 * - "Leave this site" (button, Shift x3, Escape where configured) blanks the page at once,
 *   clears the widget's storage, tells the server to end the conversation and replaces the
 *   page with a neutral site so Back does not come back.
 */
(function () {
  'use strict';

  if (window.ASBChat && window.ASBChat.loaded) return;

  var script = document.currentScript;
  var scriptBase = script && script.src ? new URL('.', script.src).href : new URL('.', location.href).href;

  // ------------------------------------------------------------------ configuration
  var DEFAULTS = {
    serverUrl: '',                       // Rasa server, e.g. https://chat.example.police.uk
    socketPath: '/socket.io/',
    socketioClientUrl: '',               // default: vendor/socket.io.min.js beside widget.js
    area: '',                            // local area id (sent as message metadata)
    exitUrl: 'https://www.bbc.co.uk/weather',
    escapeExits: false,                  // Escape leaves the site too (only where the host uses it)
    openOnLoad: false,
    title: 'ASB Case Review assistant',
    launcherText: 'Ask for an ASB Case Review',
    colours: {},                         // brand, brandText, exit, exitText
    stylesheet: '',                      // default: widget.css beside widget.js; false: host styles it
    testToday: ''                        // test clock only: added to message metadata when set
  };

  function dataConfig(el) {
    var out = {};
    if (!el || !el.dataset) return out;
    var d = el.dataset;
    if (d.server) out.serverUrl = d.server;
    if (d.socketPath) out.socketPath = d.socketPath;
    if (d.socketioClient) out.socketioClientUrl = d.socketioClient;
    if (d.area) out.area = d.area;
    if (d.exitUrl) out.exitUrl = d.exitUrl;
    if (d.escapeExits) out.escapeExits = d.escapeExits === 'true';
    if (d.openOnLoad) out.openOnLoad = d.openOnLoad === 'true';
    if (d.title) out.title = d.title;
    if (d.brand) out.colours = { brand: d.brand, brandText: d.brandText };
    return out;
  }

  var cfg = {};
  [DEFAULTS, window.ASBChatConfig || {}, dataConfig(script)].forEach(function (src) {
    Object.keys(src).forEach(function (k) { cfg[k] = src[k]; });
  });
  cfg.serverUrl = String(cfg.serverUrl || location.origin).replace(/\/+$/, '');
  if (!/^https?:\/\//i.test(cfg.exitUrl)) cfg.exitUrl = DEFAULTS.exitUrl;
  var CHANNEL = cfg.serverUrl + '/webhooks/socketio';

  // ------------------------------------------------------------------ storage (this tab only)
  var KEY = 'asb-chat';
  var store = {
    read: function () {
      try { return JSON.parse(window.sessionStorage.getItem(KEY) || '{}') || {}; } catch (e) { return {}; }
    },
    write: function (patch) {
      var s = store.read();
      Object.keys(patch).forEach(function (k) { s[k] = patch[k]; });
      try { window.sessionStorage.setItem(KEY, JSON.stringify(s)); } catch (e) { /* private mode */ }
    },
    clear: function () {
      try { window.sessionStorage.removeItem(KEY); } catch (e) { /* ignore */ }
    }
  };

  // ------------------------------------------------------------------ DOM helpers
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'text') node.textContent = v;
        else if (k === 'className') node.className = v;
        else if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? '' : String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  var SAFE_URL = /^(https?:\/\/|mailto:|tel:)/i;
  var LINKS = /\[([^\]\n]{1,200})\]\(([^)\s]{1,500})\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

  // Text with [label](url) and bare https:// links turned into <a>; everything else a text node.
  function inline(parent, text) {
    var last = 0, m;
    LINKS.lastIndex = 0;
    while ((m = LINKS.exec(text)) !== null) {
      var label = m[1] || m[3], href = m[2] || m[3];
      if (!SAFE_URL.test(href)) continue;
      parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      var a = el('a', { href: href, className: 'asbc-link' }, [label]);
      if (/^https?:/i.test(href)) {
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        a.appendChild(el('span', { className: 'asbc-vh', text: ' (opens in a new tab)' }));
      }
      parent.appendChild(a);
      last = m.index + m[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // Paragraphs, "- " bulleted lists and "1. " numbered lists from plain text.
  function formatted(text) {
    var frag = document.createDocumentFragment();
    var list = null, listType = '';
    String(text).split('\n').forEach(function (line) {
      var bullet = /^\s*[-*\u2022]\s+(.*)$/.exec(line);
      var number = /^\s*\d+[.)]\s+(.*)$/.exec(line);
      var item = bullet || number;
      var type = bullet ? 'ul' : number ? 'ol' : '';
      if (item) {
        if (!list || listType !== type) { list = el(type, { className: 'asbc-list' }); listType = type; frag.appendChild(list); }
        var li = el('li'); inline(li, item[1]); list.appendChild(li);
        return;
      }
      list = null;
      if (!line.trim()) return;
      var p = el('p', { className: 'asbc-p' }); inline(p, line); frag.appendChild(p);
    });
    return frag;
  }

  // ------------------------------------------------------------------ build the widget
  var root = el('div', { id: 'asbc-root', className: 'asbc' });
  var colours = cfg.colours || {};
  [['brand', '--asbc-brand'], ['brandText', '--asbc-brand-text'], ['exit', '--asbc-exit'], ['exitText', '--asbc-exit-text']]
    .forEach(function (pair) {
      if (colours[pair[0]] && /^#[0-9a-f]{3,8}$/i.test(colours[pair[0]])) root.style.setProperty(pair[1], colours[pair[0]]);
    });

  var exitLabel = 'Leave this site';
  function exitButton(extraClass) {
    return el('button', {
      type: 'button', className: 'asbc-exit ' + (extraClass || ''),
      'data-asbc-exit': '', onclick: function (e) { quickExit(e); }
    }, [exitLabel]);
  }

  var launcher = el('button', {
    type: 'button', className: 'asbc-launcher', 'aria-expanded': 'false', 'aria-controls': 'asbc-panel',
    onclick: function () { openPanel(true); }
  }, [cfg.launcherText]);
  var launcherBar = el('div', { className: 'asbc-bar' }, [launcher, exitButton('asbc-exit--bar')]);

  var titleId = 'asbc-title';
  var log = el('div', {
    id: 'asbc-log', className: 'asbc-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions',
    'aria-label': 'Conversation', tabindex: '0'
  });
  var typing = el('div', { className: 'asbc-typing', hidden: true }, [
    el('span', { className: 'asbc-dots', 'aria-hidden': 'true' }, [el('span'), el('span'), el('span')]),
    el('span', { text: 'The assistant is writing a reply' })
  ]);
  var status = el('p', { className: 'asbc-status', role: 'status' });
  var input = el('textarea', {
    id: 'asbc-input', className: 'asbc-input', rows: '2', autocomplete: 'off', spellcheck: 'true',
    'aria-describedby': 'asbc-input-hint', maxlength: '4000'
  });
  var form = el('form', { className: 'asbc-form', novalidate: true }, [
    el('label', { className: 'asbc-label', for: 'asbc-input', text: 'Your message' }),
    el('p', { id: 'asbc-input-hint', className: 'asbc-hint', text: 'Press Enter to send. Shift and Enter starts a new line.' }),
    el('div', { className: 'asbc-row' }, [input, el('button', { type: 'submit', className: 'asbc-send', text: 'Send' })])
  ]);
  var intro = el('div', { className: 'asbc-intro' }, [
    el('p', { text: 'This is an automated assistant, not a person. It is not for emergencies: if you are in danger now, call 999.' }),
    el('p', {}, [
      el('strong', { text: 'To leave quickly, ' }),
      'press "Leave this site" or press the Shift key 3 times' + (cfg.escapeExits ? ' (or Escape)' : '') +
      '. This does not clear your browser history.'
    ])
  ]);
  var panel = el('section', { id: 'asbc-panel', className: 'asbc-panel', 'aria-labelledby': titleId, hidden: true }, [
    el('div', { className: 'asbc-head' }, [
      el('h2', { id: titleId, className: 'asbc-title', text: cfg.title }),
      exitButton('asbc-exit--head')
    ]),
    el('div', { className: 'asbc-scroll' }, [intro, log, typing]),
    status,
    form,
    el('div', { className: 'asbc-foot' }, [
      el('button', { type: 'button', className: 'asbc-secondary', 'data-asbc-restart': '', onclick: startAgain, text: 'Start again' }),
      el('button', { type: 'button', className: 'asbc-secondary', 'data-asbc-hide': '', onclick: function () { closePanel(true); }, text: 'Hide chat' })
    ])
  ]);
  root.appendChild(launcherBar);
  root.appendChild(panel);

  // ------------------------------------------------------------------ transcript
  var lastSpeaker = null;
  var WHO = { bot: 'Assistant', staff: 'Member of staff', user: 'You' };
  var shownCount = 0;

  function scrollDown() {
    var sc = panel.querySelector('.asbc-scroll');
    sc.scrollTop = sc.scrollHeight;
  }

  function removeChoices() {
    Array.prototype.forEach.call(log.querySelectorAll('.asbc-choices'), function (g) { g.parentNode.removeChild(g); });
  }

  function addMessage(from, text, buttons, opts) {
    from = WHO[from] ? from : 'bot';
    if (from === 'user') removeChoices();
    var msg = el('div', { className: 'asbc-msg asbc-msg--' + from });
    var who = el('p', { className: 'asbc-who' + (lastSpeaker === from ? ' asbc-vh' : '') }, [WHO[from] + (lastSpeaker === from ? ':' : '')]);
    lastSpeaker = from;
    var body = el('div', { className: 'asbc-body' });
    if (from === 'user') body.appendChild(el('p', { className: 'asbc-p', text: text }));
    else body.appendChild(formatted(text || ''));
    msg.appendChild(who);
    msg.appendChild(body);
    if (buttons && buttons.length) {
      var group = el('div', { className: 'asbc-choices', role: 'group', 'aria-label': 'Answers you can choose' });
      buttons.forEach(function (b) {
        var title = String(b.title || b.payload || '');
        var payload = String(b.payload || title);
        group.appendChild(el('button', {
          type: 'button', className: 'asbc-choice', text: title,
          onclick: function () { send(payload, title); input.focus(); }
        }));
      });
      msg.appendChild(group);
    }
    log.appendChild(msg);
    if (!(opts && opts.history)) shownCount += 1;
    scrollDown();
    return msg;
  }

  function setTyping(on) {
    typing.hidden = !on;
    if (on) scrollDown();
  }

  // "Check your answers" as a GOV.UK summary list, a Change button beside each answer. The
  // answers come just before as text, one line each (REST clients, the history after a
  // reload); these rows name those lines in order and carry the Change payloads, never what
  // the resident typed. The list takes the text's place, each value moved from its line. If
  // the lines don't match the rows, the text stays as it is (changes in words still work).
  function showSummaryList(list) {
    var rows = list && Array.isArray(list.rows) ? list.rows : [];
    var title = String((list && list.title) || '');
    var msg = log.lastElementChild;
    if (!rows.length || !title || !msg || !msg.classList.contains('asbc-msg--bot')) return;
    var body = msg.querySelector('.asbc-body');
    var lines = body.querySelectorAll('li');
    if (body.textContent.indexOf(title) !== 0 || lines.length !== rows.length) return;
    var dl = el('dl', { className: 'govuk-summary-list asbc-summary' });
    rows.forEach(function (row, i) {
      var key = String((row && row.key) || '');
      var value = el('dd', { className: 'govuk-summary-list__value' });
      var first = lines[i].firstChild;  // "Where: Meadow Road" -> "Meadow Road"
      if (first && first.nodeType === 3 && first.data.indexOf(key + ': ') === 0) first.data = first.data.slice(key.length + 2);
      while (lines[i].firstChild) value.appendChild(lines[i].firstChild);
      var change = row && row.change && /^\/change_answer\{/.test(String(row.change.payload || '')) ? row.change : null;
      var hidden = change ? String(change.hidden || key) : '';
      dl.appendChild(el('div', { className: 'govuk-summary-list__row' + (change ? '' : ' govuk-summary-list__row--no-actions') }, [
        el('dt', { className: 'govuk-summary-list__key', text: key }),
        value,
        change && el('dd', { className: 'govuk-summary-list__actions' }, [
          el('button', {
            type: 'button', className: 'govuk-link asbc-change',
            onclick: function () { send(String(change.payload), 'Change ' + hidden); input.focus(); }
          }, ['Change', el('span', { className: 'govuk-visually-hidden asbc-vh', text: ' ' + hidden })])
        ])
      ]));
    });
    body.textContent = '';
    body.appendChild(el('h3', { className: 'asbc-summary-title', text: title }));
    body.appendChild(dl);
    scrollDown();
  }

  // ------------------------------------------------------------------ connection
  var socket = null, token = null, exiting = false, greeted = false;

  function loadSocketIo(done) {
    if (window.io) return done();
    var s = el('script', { src: cfg.socketioClientUrl || (scriptBase + 'vendor/socket.io.min.js') });
    s.onload = function () { done(); };
    s.onerror = function () { status.textContent = 'Sorry, the chat could not load. Call 101, or try again later.'; };
    document.head.appendChild(s);
  }

  function connect() {
    if (socket || exiting) return;
    loadSocketIo(function () {
      if (socket || exiting) return;
      socket = window.io(cfg.serverUrl, { path: cfg.socketPath, withCredentials: false, reconnectionDelayMax: 5000 });
      socket.on('connect', function () {
        status.textContent = '';
        socket.emit('session_request', { session_id: store.read().token || null });
      });
      socket.on('disconnect', function () {
        if (!exiting) status.textContent = 'Connection lost. Trying to reconnect\u2026';
      });
      socket.on('connect_error', function () {
        if (!exiting) status.textContent = 'Cannot reach the chat at the moment. Trying again\u2026';
      });
      socket.on('session_confirm', onSession);
      socket.on('bot_uttered', function (m) {
        if (exiting || !m) return;
        if (m.summary_list) { showSummaryList(m.summary_list); return; }
        var buttons = m.quick_replies || m.buttons || [];
        var from = (m.metadata && m.metadata.from === 'staff') || (m.custom && m.custom.from === 'staff') ? 'staff' : 'bot';
        var text = typeof m.text === 'string' ? m.text : (m.custom && typeof m.custom.text === 'string' ? m.custom.text : '');
        if (text || buttons.length) addMessage(from, text, buttons);
      });
      socket.on('reply_done', function () { setTyping(false); });
      socket.on('session_invalid', function () {
        store.write({ token: null });
        socket.emit('session_request', { session_id: null });
      });
      socket.on('session_ended', function () {
        if (exiting) return;
        store.write({ token: null });
        log.textContent = ''; lastSpeaker = null; shownCount = 0; greeted = false;
        status.textContent = 'This conversation has ended.';
      });
    });
  }

  function onSession(data) {
    var previous = store.read().token;
    token = data && data.session_id;
    store.write({ token: token });
    if (data && data.resumed) {
      loadHistory();
    } else {
      if (previous && shownCount) {
        log.textContent = ''; lastSpeaker = null; shownCount = 0;
        status.textContent = 'Your earlier conversation has ended. This is a new one.';
      }
      if (!greeted) {
        greeted = true;
        setTyping(true);
        emitMessage('/greet');  // the assistant's opening; not shown as a message from you
      }
    }
  }

  function loadHistory() {
    var xhr = new XMLHttpRequest();
    xhr.open('POST', CHANNEL + '/history');
    xhr.setRequestHeader('Content-Type', 'text/plain');
    xhr.onload = function () {
      if (xhr.status !== 200 || exiting) return;
      var messages = [];
      try { messages = JSON.parse(xhr.responseText).messages || []; } catch (e) { return; }
      if (messages.length <= shownCount) return;
      log.setAttribute('aria-busy', 'true');
      var last = messages.length - 1;
      messages.slice(shownCount).forEach(function (m, i) {
        var isLast = shownCount + i === last;
        addMessage(m.from, m.text, isLast ? m.buttons : null, { history: true });
      });
      shownCount = messages.length;
      greeted = true;
      log.removeAttribute('aria-busy');
    };
    xhr.send(token);
  }

  function emitMessage(text) {
    var metadata = {};
    if (cfg.testToday) metadata.today = String(cfg.testToday);
    if (cfg.area) metadata.area = String(cfg.area);
    socket.emit('user_uttered', { message: text, session_id: token, metadata: metadata });
  }

  function send(payload, shown) {
    if (!socket || !token || exiting) {
      status.textContent = 'Not connected yet. Please wait a moment and try again.';
      return false;
    }
    addMessage('user', shown);
    setTyping(true);
    emitMessage(payload);
    return true;
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { status.textContent = 'Type a message first.'; input.focus(); return; }
    if (send(text, text)) { input.value = ''; status.textContent = ''; }
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      if (typeof form.requestSubmit === 'function') form.requestSubmit(); else form.dispatchEvent(new Event('submit', { cancelable: true }));
    }
  });

  function startAgain() {
    // The assistant asks before deleting anything (its "start again" flow).
    send('/start_again', 'Start again');
    input.focus();
  }

  // ------------------------------------------------------------------ open / close
  function openPanel(moveFocus) {
    panel.hidden = false;
    launcherBar.hidden = true;
    launcher.setAttribute('aria-expanded', 'true');
    document.documentElement.classList.add('asbc-open');
    store.write({ open: true });
    fitViewport();
    connect();
    if (moveFocus) input.focus();
  }

  function closePanel(moveFocus) {
    panel.hidden = true;
    launcherBar.hidden = false;
    launcher.setAttribute('aria-expanded', 'false');
    document.documentElement.classList.remove('asbc-open');
    store.write({ open: false });
    if (moveFocus) launcher.focus();
  }

  // Phones: keep the panel inside the visible viewport so the on-screen keyboard never
  // covers the message box.
  function fitViewport() {
    var vv = window.visualViewport;
    if (!vv || panel.hidden) return;
    if (window.matchMedia('(max-width: 40em)').matches) {
      panel.style.height = vv.height + 'px';
      panel.style.top = vv.offsetTop + 'px';
    } else {
      panel.style.height = '';
      panel.style.top = '';
    }
  }
  if (window.visualViewport) {
    window.visualViewport.addEventListener('resize', fitViewport);
    window.visualViewport.addEventListener('scroll', fitViewport);
  }

  // ------------------------------------------------------------------ quick exit
  function quickExit(e) {
    if (exiting) return;
    exiting = true;
    if (e && e.preventDefault) e.preventDefault();
    // 1. Blank the page now, before anything else.
    var html = document.documentElement;
    html.style.setProperty('background', '#fff', 'important');
    if (document.body) document.body.style.setProperty('display', 'none', 'important');
    html.setAttribute('data-asbc-exited', '');
    document.title = '\u200b';
    // 2. Clear the widget's storage (the token goes with it).
    var ending = token || store.read().token;
    store.clear();
    token = null;
    // 3. Tell the server to end the conversation (a beacon survives the navigation).
    try {
      if (ending && navigator.sendBeacon) navigator.sendBeacon(CHANNEL + '/end', ending);
    } catch (err) { /* navigate anyway */ }
    try { if (socket) socket.emit('end_session', {}); } catch (err) { /* navigate anyway */ }
    // 4. Go, replacing this page in the history so Back does not return to it.
    window.location.replace(cfg.exitUrl);
    // Remove the page's content from memory as well as from view.
    if (document.body) document.body.replaceChildren();
    if (socket) { try { socket.disconnect(); } catch (err) { /* ignore */ } }
  }

  // Shift pressed 3 times within 5 seconds (GOV.UK "Exit this page" pattern); works while
  // typing in the message box, since a capital letter (Shift + letter) resets the count.
  var shiftPresses = 0, shiftTimer = null;
  window.addEventListener('keydown', function (e) {
    if (e.key !== 'Shift') shiftPresses = 0;
    if (e.key === 'Escape' && cfg.escapeExits) quickExit(e);
  }, true);
  window.addEventListener('keyup', function (e) {
    if (e.key !== 'Shift') return;
    shiftPresses += 1;
    clearTimeout(shiftTimer);
    shiftTimer = setTimeout(function () { shiftPresses = 0; }, 5000);
    if (shiftPresses >= 3) quickExit(e);
  }, true);

  // ------------------------------------------------------------------ start
  function start() {
    if (cfg.stylesheet !== false && !document.querySelector('link[data-asbc-css]')) {
      document.head.appendChild(el('link', { rel: 'stylesheet', href: cfg.stylesheet || (scriptBase + 'widget.css'), 'data-asbc-css': '' }));
    }
    document.body.appendChild(root);
    Array.prototype.forEach.call(document.querySelectorAll('[data-asb-chat-open]'), function (b) {
      b.addEventListener('click', function (e) { e.preventDefault(); openPanel(true); });
    });
    var saved = store.read();
    if (saved.open || (cfg.openOnLoad && saved.open !== false)) openPanel(false);
    else if (saved.token) connect();  // keep receiving while hidden
  }

  window.ASBChat = { loaded: true, open: function () { openPanel(true); }, close: closePanel, exit: quickExit };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
