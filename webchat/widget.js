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
 * - A message is never lost to a bad connection: each waits in the outbox (with its own
 *   client id and a visible "Sending..." / "Not sent" state) until the server acknowledges
 *   it, and nothing is sent until the server has confirmed the session after each connect.
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
    launcherShortText: 'Open chat',   // the launcher's label on narrow screens (it must stay small)
    maxLength: 4000,                     // characters per message; the server refuses longer ones
    sendTimeout: 20,                     // seconds before an unacknowledged message shows "Not sent"
    colours: {},                         // brand, brandText, exit, exitText
    stylesheet: '',                      // default: widget.css beside widget.js; false: host styles it
    testToday: ''                        // test clock only: added to message metadata when set
  };

  // ------------------------------------------------------------------ words
  // Every word the widget itself shows, in one table keyed by id (docs/words.md; what the
  // assistant says comes from the domain's responses). A page may pass `words: {id: text}`
  // in ASBChatConfig to replace any of them, e.g. on a Welsh site. {n} is a number.
  var WORDS = {
    exit: 'Leave this site',
    conversation: 'Conversation',
    writing: 'The assistant is writing a reply',
    countInfo: 'You can enter up to {n} characters',
    yourMessage: 'Your message',
    inputHint: 'Press Enter to send. Shift and Enter starts a new line.',
    send: 'Send',
    notForEmergencies: 'This is an automated assistant, not a person. It is not for emergencies: if you are in danger now, call 999.',
    leaveQuicklyLead: 'To leave quickly, ',
    leaveQuickly: 'press "Leave this site" or press the Shift key 3 times',
    leaveQuicklyEscape: ' (or Escape)',
    historyKept: '. This does not clear your browser history.',
    startAgain: 'Start again',
    hideChat: 'Hide chat',
    whoBot: 'Assistant',
    whoStaff: 'Member of staff',
    whoUser: 'You',
    choices: 'Answers you can choose',
    change: 'Change',
    loadFailed: 'Sorry, the chat could not load. Call 101, or try again later.',
    connectionLost: 'Connection lost. Trying to reconnect\u2026',
    cannotReach: 'Cannot reach the chat at the moment. Trying again\u2026',
    ended: 'This conversation has ended.',
    earlierEnded: 'Your earlier conversation has ended',
    earlierUnsent: ', so what you wrote last was not sent',
    earlierNew: '. This is a new one.',
    notSent: 'Not sent \u2013 ',
    retry: 'Retry',
    retryHidden: ' sending this message',
    sending: 'Sending\u2026',
    notSentYet: 'Your message has not been sent yet. It will be sent when the connection is back, or choose "Retry".',
    notConnected: 'Not connected. Your message will be sent when the connection is back.',
    oneLeft: 'You have {n} character remaining',
    manyLeft: 'You have {n} characters remaining',
    oneOver: 'You have {n} character too many',
    manyOver: 'You have {n} characters too many',
    errorPrefix: 'Error: ',
    newTab: ' (opens in a new tab)',
    typeFirst: 'Type a message first.',
    tooLong: 'Your message must be {n} characters or fewer'
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
  var pageWords = cfg.words && typeof cfg.words === 'object' ? cfg.words : {};
  function word(id, n) {
    var text = typeof pageWords[id] === 'string' ? pageWords[id] : WORDS[id];
    return n === undefined ? text : text.replace('{n}', n.toLocaleString('en-GB'));
  }
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
        a.appendChild(el('span', { className: 'asbc-vh', text: word('newTab') }));
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

  var exitLabel = word('exit');
  function exitButton(extraClass) {
    return el('button', {
      type: 'button', className: 'asbc-exit ' + (extraClass || ''),
      'data-asbc-exit': '', onclick: function (e) { quickExit(e); }
    }, [exitLabel]);
  }

  var launcher = el('button', {
    type: 'button', className: 'asbc-launcher', 'aria-expanded': 'false', 'aria-controls': 'asbc-panel',
    onclick: function () { openPanel(true); }
  }, [el('span', { className: 'asbc-long', text: cfg.launcherText }),
    el('span', { className: 'asbc-short', text: cfg.launcherShortText || cfg.launcherText })]);
  var launcherBar = el('div', { className: 'asbc-bar' }, [launcher, exitButton('asbc-exit--bar')]);

  var titleId = 'asbc-title';
  var log = el('div', {
    id: 'asbc-log', className: 'asbc-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions',
    'aria-label': word('conversation'), tabindex: '0'
  });
  var typing = el('div', { className: 'asbc-typing', hidden: true }, [
    el('span', { className: 'asbc-dots', 'aria-hidden': 'true' }, [el('span'), el('span'), el('span')]),
    el('span', { text: word('writing') })
  ]);
  var status = el('p', { className: 'asbc-status', role: 'status' });
  // GOV.UK character count: the limit in the hint, a live count below the box (announced
  // politely, after a pause in typing), and an error message if the resident sends too much.
  // No maxlength: it would silently cut what was typed or pasted.
  var MAX_CHARS = Math.max(1, parseInt(cfg.maxLength, 10) || DEFAULTS.maxLength);
  var input = el('textarea', {
    id: 'asbc-input', className: 'asbc-input', rows: '2', autocomplete: 'off', spellcheck: 'true',
    'aria-describedby': 'asbc-count-info asbc-input-hint'
  });
  var inputError = el('p', { id: 'asbc-input-error', className: 'asbc-error', hidden: true });
  var countInfo = el('p', { id: 'asbc-count-info', className: 'asbc-vh', text: word('countInfo', MAX_CHARS) });
  var countStatus = el('p', { className: 'asbc-count', 'aria-hidden': 'true' });
  var countLive = el('p', { className: 'asbc-vh', 'aria-live': 'polite' });
  var form = el('form', { className: 'asbc-form', novalidate: true }, [
    el('label', { className: 'asbc-label', for: 'asbc-input', text: word('yourMessage') }),
    el('p', { id: 'asbc-input-hint', className: 'asbc-hint', text: word('inputHint') }),
    inputError,
    el('div', { className: 'asbc-row' }, [input, el('button', { type: 'submit', className: 'asbc-send', text: word('send') })]),
    countInfo, countStatus, countLive
  ]);
  var intro = el('div', { className: 'asbc-intro' }, [
    el('p', { text: word('notForEmergencies') }),
    el('p', {}, [
      el('strong', { text: word('leaveQuicklyLead') }),
      word('leaveQuickly') + (cfg.escapeExits ? word('leaveQuicklyEscape') : '') + word('historyKept')
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
      el('button', { type: 'button', className: 'asbc-secondary', 'data-asbc-restart': '', onclick: startAgain, text: word('startAgain') }),
      el('button', { type: 'button', className: 'asbc-secondary', 'data-asbc-hide': '', onclick: function () { closePanel(true); }, text: word('hideChat') })
    ])
  ]);
  root.appendChild(launcherBar);
  root.appendChild(panel);

  // ------------------------------------------------------------------ transcript
  var lastSpeaker = null;
  var WHO = { bot: word('whoBot'), staff: word('whoStaff'), user: word('whoUser') };
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
      var group = el('div', { className: 'asbc-choices', role: 'group', 'aria-label': word('choices') });
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
    if (!(opts && (opts.history || opts.pending))) shownCount += 1;  // pending: counted once delivered
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
            onclick: function () { send(String(change.payload), word('change') + ' ' + hidden); input.focus(); }
          }, [word('change'), el('span', { className: 'govuk-visually-hidden asbc-vh', text: ' ' + hidden })])
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
  // `ready`: the server has confirmed the session on this connection (and the history is
  // loaded), so the outbox may send. `sessionLost`: the server refused our session.
  var ready = false, sessionLost = false;

  function loadSocketIo(done) {
    if (window.io) return done();
    var s = el('script', { src: cfg.socketioClientUrl || (scriptBase + 'vendor/socket.io.min.js') });
    s.onload = function () { done(); };
    s.onerror = function () { status.textContent = word('loadFailed'); };
    document.head.appendChild(s);
  }

  function connect() {
    if (socket || exiting) return;
    loadSocketIo(function () {
      if (socket || exiting) return;
      socket = window.io(cfg.serverUrl, { path: cfg.socketPath, withCredentials: false, reconnectionDelayMax: 5000 });
      socket.on('connect', function () {
        status.textContent = '';
        ready = false;
        // socket.io-client replays emits buffered while offline before this handler runs; the
        // outbox never emits while disconnected, and this drops anything else, so nothing
        // reaches the server before the session is re-joined.
        socket.sendBuffer = [];
        socket.emit('session_request', { session_id: store.read().token || null });
      });
      socket.on('disconnect', function () {
        ready = false;
        outboxLostConnection();
        if (!exiting) status.textContent = word('connectionLost');
      });
      socket.on('connect_error', function () {
        if (!exiting) status.textContent = word('cannotReach');
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
      socket.on('message_received', function (d) { outboxReceived(d && d.client_id); });
      socket.on('session_invalid', function () {
        ready = false;
        sessionLost = true;
        outboxLostConnection();
        socket.emit('session_request', { session_id: null });
      });
      socket.on('session_ended', function () {
        if (exiting) return;
        store.write({ token: null });
        outboxAbandon();
        log.textContent = ''; lastSpeaker = null; shownCount = 0; greeted = false;
        status.textContent = word('ended');
      });
    });
  }

  function onSession(data) {
    var previous = store.read().token;
    token = data && data.session_id;
    store.write({ token: token });
    if (data && data.resumed) {
      // History first (it shows which queued messages already arrived), then the outbox.
      loadHistory(function () { ready = true; outboxPump(); });
      return;
    }
    if (previous || sessionLost) {
      // Tell the resident honestly: what they were writing belonged to a conversation the
      // server no longer has (expired, or ended), so it is not sent into this new one.
      var unsent = outbox.filter(function (m) { return m.shown; }).length;
      outboxAbandon();
      log.textContent = ''; lastSpeaker = null; shownCount = 0; greeted = false;
      status.textContent = word('earlierEnded') + (unsent ? word('earlierUnsent') : '') + word('earlierNew');
    }
    sessionLost = false;
    if (!greeted) {
      greeted = true;
      outboxAdd('/greet', null, true);  // the assistant's opening; not shown as a message from you
    }
    ready = true;
    outboxPump();
  }

  function loadHistory(done) {
    var xhr = new XMLHttpRequest();
    var finished = false;
    function finish() { if (!finished) { finished = true; done(); } }
    xhr.open('POST', CHANNEL + '/history');
    xhr.setRequestHeader('Content-Type', 'text/plain');
    xhr.onerror = finish;
    xhr.onload = function () {
      if (xhr.status !== 200 || exiting) return finish();
      var messages = [];
      try { messages = JSON.parse(xhr.responseText).messages || []; } catch (e) { return finish(); }
      if (messages.length > shownCount) {
        log.setAttribute('aria-busy', 'true');
        var last = messages.length - 1, base = shownCount;
        messages.slice(base).forEach(function (m, i) {
          // One of ours that arrived, though its acknowledgement was lost: it is on screen
          // already, and moves to its place in the history.
          var mine = m.from === 'user' && m.id && outbox.filter(function (o) { return o.id === m.id; })[0];
          if (mine) { if (mine.node) log.appendChild(mine.node); outboxDelivered(m.id); return; }
          var isLast = base + i === last;
          addMessage(m.from, m.text, isLast ? m.buttons : null, { history: true });
        });
        shownCount = messages.length;
        greeted = true;
        outboxMoveToEnd();
        log.removeAttribute('aria-busy');
      }
      finish();
    };
    xhr.send(token);
  }

  // ------------------------------------------------------------------ outbox
  // Every message waits here until the server acknowledges its client id (the server
  // answers each id once, however often it arrives). Messages go one at a time, in order,
  // and only while the socket is connected and the session confirmed; they are kept in
  // sessionStorage so a reload does not lose them either.
  var outbox = [];          // { id, payload, shown, node, failed, timer }
  var inFlight = null, sendGeneration = 0;
  var SEND_TIMEOUT_MS = Math.max(1, Number(cfg.sendTimeout) || DEFAULTS.sendTimeout) * 1000;

  function clientId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    var b = new Uint8Array(16);  // randomUUID needs a secure context; getRandomValues does not
    window.crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
  }

  function outboxSave() {
    store.write({ outbox: outbox.map(function (m) { return { id: m.id, payload: m.payload, shown: m.shown }; }) });
  }

  function showState(item) {
    if (!item.node) return;
    var old = item.node.querySelector('.asbc-state');
    if (old) old.parentNode.removeChild(old);
    if (item.delivered || item.received) return;
    var state = el('p', { className: 'asbc-state' + (item.failed ? ' asbc-state--failed' : '') });
    if (item.failed) {
      state.appendChild(document.createTextNode(word('notSent')));
      state.appendChild(el('button', {
        type: 'button', className: 'asbc-retry', onclick: function () { outboxRetry(item); }
      }, [word('retry'), el('span', { className: 'asbc-vh', text: word('retryHidden') })]));
    } else {
      state.appendChild(document.createTextNode(word('sending')));
    }
    item.node.appendChild(state);
  }

  function armTimer(item) {
    clearTimeout(item.timer);
    item.timer = setTimeout(function () {
      if (item.delivered || exiting) return;
      item.failed = true;
      showState(item);
      if (item.shown) status.textContent = word('notSentYet');
    }, SEND_TIMEOUT_MS);
  }

  function outboxAdd(payload, shown, first) {
    var item = { id: clientId(), payload: payload, shown: shown, node: null, failed: false };
    if (shown) {
      item.node = addMessage('user', shown, null, { pending: true });
      showState(item);
    }
    if (first) outbox.unshift(item); else outbox.push(item);
    outboxSave();
    armTimer(item);
    outboxPump();
  }

  function outboxPump() {
    if (!ready || inFlight || exiting || !outbox.length || !socket || !socket.connected) return;
    var item = outbox[0];
    var generation = ++sendGeneration;
    inFlight = item;
    setTyping(true);
    var metadata = {};
    if (cfg.testToday) metadata.today = String(cfg.testToday);
    if (cfg.area) metadata.area = String(cfg.area);
    socket.emit('user_uttered', { message: item.payload, session_id: token, metadata: metadata, client_id: item.id },
      function (ack) {
        if (generation !== sendGeneration || inFlight !== item) return;  // from a dropped connection
        inFlight = null;
        if (ack && ack.received === item.id) outboxDelivered(item.id);
        outboxPump();
      });
  }

  // The server has the message and is answering it: it is no longer "Sending...". It stays
  // in the outbox until acknowledged (answered), so a cut line still resends it safely.
  function outboxReceived(id) {
    outbox.forEach(function (item) {
      if (item.id !== id || item.received) return;
      item.received = true;
      item.failed = false;
      clearTimeout(item.timer);
      showState(item);
    });
  }

  // The server has answered the message: show it as sent, count it as part of the history.
  function outboxDelivered(id) {
    for (var i = 0; i < outbox.length; i += 1) {
      var item = outbox[i];
      if (item.id !== id) continue;
      outbox.splice(i, 1);
      outboxSave();
      clearTimeout(item.timer);
      item.delivered = true;
      showState(item);
      if (item.shown) shownCount += 1;
      if (!outbox.some(function (m) { return m.failed; }) && /not been sent/.test(status.textContent)) status.textContent = '';
      return true;
    }
    return false;
  }

  function outboxRetry(item) {
    item.failed = false;
    showState(item);
    armTimer(item);
    if (inFlight === item) { inFlight = null; sendGeneration += 1; }  // resend it: the server answers it once
    if (!socket || !socket.connected) status.textContent = word('notConnected');
    outboxPump();
  }

  function outboxLostConnection() {
    if (inFlight) { inFlight = null; sendGeneration += 1; }  // resent once the session is confirmed (answered once)
    setTyping(false);
  }

  // The conversation these messages belong to has gone: mark them not sent, and forget them.
  function outboxAbandon() {
    outboxLostConnection();
    outbox.forEach(function (item) { clearTimeout(item.timer); });
    outbox = [];
    outboxSave();
  }

  // Messages still waiting stay below the history that arrives before them.
  function outboxMoveToEnd() {
    outbox.forEach(function (item) { if (item.node && !item.received) log.appendChild(item.node); });
  }

  function outboxRestore() {
    var saved = store.read().outbox;
    if (!Array.isArray(saved)) return;
    saved.forEach(function (m) {
      if (!m || typeof m.id !== 'string' || typeof m.payload !== 'string') return;
      var item = { id: m.id, payload: m.payload, shown: typeof m.shown === 'string' ? m.shown : null, node: null, failed: false };
      // Shown at once, still waiting: the history (if the server is reachable) goes above it.
      if (item.shown) { item.node = addMessage('user', item.shown, null, { pending: true }); showState(item); }
      outbox.push(item);
      armTimer(item);
    });
  }

  function send(payload, shown) {
    if (exiting) return false;
    outboxAdd(payload, shown);
    connect();
    if (socket && !socket.active) socket.connect();  // the server closed it (conversation ended)
    return true;
  }

  // ------------------------------------------------------------------ character count
  var countTimer = null;
  function characters(text) { return Array.from(text.trim()).length; }  // as the server counts

  function countMessage(n) {
    var left = MAX_CHARS - n;
    if (left >= 0) return word(left === 1 ? 'oneLeft' : 'manyLeft', left);
    return word(left === -1 ? 'oneOver' : 'manyOver', -left);
  }

  function updateCount() {
    var n = characters(input.value);
    var over = n > MAX_CHARS;
    countStatus.textContent = countMessage(n);
    countStatus.classList.toggle('asbc-count--over', over);
    input.classList.toggle('asbc-input--error', over);
    if (!over) showInputError('');
    clearTimeout(countTimer);
    countTimer = setTimeout(function () { countLive.textContent = countMessage(characters(input.value)); }, 1000);
    return over;
  }

  function showInputError(text) {
    inputError.hidden = !text;
    inputError.textContent = '';
    if (text) { inputError.appendChild(el('span', { className: 'asbc-vh', text: word('errorPrefix') })); inputError.appendChild(document.createTextNode(text)); }
    input.setAttribute('aria-describedby', (text ? 'asbc-input-error ' : '') + 'asbc-count-info asbc-input-hint');
    if (text) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  }

  input.addEventListener('input', updateCount);
  updateCount();

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { status.textContent = word('typeFirst'); input.focus(); return; }
    if (updateCount()) {
      showInputError(word('tooLong', MAX_CHARS));
      input.focus();
      return;
    }
    if (send(text, text)) { input.value = ''; updateCount(); if (!/not been sent|Not connected/.test(status.textContent)) status.textContent = ''; }
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      if (typeof form.requestSubmit === 'function') form.requestSubmit(); else form.dispatchEvent(new Event('submit', { cancelable: true }));
    }
  });

  function startAgain() {
    // The assistant asks before deleting anything (its "start again" flow).
    send('/start_again', word('startAgain'));
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
    outboxRestore();
    var saved = store.read();
    if (saved.open || (cfg.openOnLoad && saved.open !== false)) openPanel(false);
    else if (saved.token || outbox.length) connect();  // keep receiving (and sending) while hidden
  }

  window.ASBChat = { loaded: true, open: function () { openPanel(true); }, close: closePanel, exit: quickExit };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
