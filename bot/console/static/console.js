/* Operator console: the queue, one conversation at a time, live. The server pushes a note of
 * each change (server-sent events, /console/api/events) and the page fetches what changed; if
 * the stream fails it polls instead, more slowly, until the stream is back.
 * Everything from the server is put in with textContent, never HTML. */
(function () {
  'use strict';
  var FALLBACK_POLL_MS = 2000;   // without the stream
  var QUEUE_REFRESH_MS = 15000;  // even with it: waiting times move on by themselves
  var RECONNECT_MS = 10000;      // after the stream was refused (e.g. the server restarted)
  var NEAR_BOTTOM_PX = 24;
  var open = null;          // the session id shown
  var shownCount = 0;       // transcript entries already drawn
  var live = false;         // the push stream is open
  var $ = function (id) { return document.getElementById(id); };

  // Every word this script shows an operator, in one table keyed by id (docs/words.md).
  // {name} is filled in by word(id, {name: value}).
  var WORDS = {
    seconds: '{n} s',
    minutes: '{n} min',
    presence: '{n} operator(s) signed in. Queue ',
    queueOpen: 'open',
    queueClosed: 'closed (outside hours)',
    nobodyWaiting: 'Nobody is waiting.',
    riskLead: 'RISK: ',
    waiting: '{reason}, waiting {time}',
    takenBy: ' (taken by {who})',
    takenByYou: 'you',
    yours: 'You have this conversation.',
    theirs: 'Taken by {who}. You cannot send to it.',
    waitingForStaff: 'Waiting for a member of staff.',
    status: 'Status: {status}.',
    riskFlagged: 'Risk flagged. ',
    why: 'Why: {reason}. ',
    whoUser: 'Resident',
    whoBot: 'Assistant',
    whoStaff: 'Staff',
    assessment: 'Assessment: ',
    notAssessed: 'not made yet',
    sent: '. Sent, reference {reference}',
    flags: 'Flags: ',
    didNotWork: 'That did not work.'
  };
  function word(id, values) {
    return WORDS[id].replace(/\{(\w+)\}/g, function (all, name) {
      return values && values[name] !== undefined ? String(values[name]) : all;
    });
  }

  function api(path, body) {
    var opts = { credentials: 'same-origin', headers: { 'X-Console': '1' } };
    if (body !== undefined) {
      opts.method = 'POST';
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    return fetch('/console/api/' + path, opts).then(function (r) {
      if (r.status === 401) { location.replace('/console/login'); throw new Error('signed out'); }
      return r.json().then(function (data) { data._status = r.status; return data; });
    });
  }

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) { el.className = cls; }
    return el;
  }

  function minutes(s) { return s < 60 ? word('seconds', { n: s }) : word('minutes', { n: Math.floor(s / 60) }); }

  function drawQueue(data) {
    $('presence').textContent = word('presence', { n: data.operators_present }) +
      (data.availability === 'closed' ? word('queueClosed') : word('queueOpen'));
    var list = $('queue');
    list.textContent = '';
    if (!data.items.length) { list.appendChild(text('li', word('nobodyWaiting'), 'hint')); }
    data.items.forEach(function (item) {
      var li = document.createElement('li');
      li.className = 'item' + (item.risk ? ' risk' : '') + (item.session_id === open ? ' current' : '');
      var b = document.createElement('button');
      b.type = 'button';
      b.setAttribute('data-session', item.session_id);
      b.textContent = (item.risk ? word('riskLead') : '') + word('waiting', { reason: item.reason, time: minutes(item.waiting_seconds) }) +
        (item.status === 'taken' ? word('takenBy', { who: item.mine ? word('takenByYou') : item.taken_by }) : '');
      b.addEventListener('click', function () { show(item.session_id); });
      li.appendChild(b);
      list.appendChild(li);
    });
  }

  function drawConversation(c) {
    $('conversation').hidden = false;
    $('card').hidden = false;
    var state = c.status === 'taken' ? (c.mine ? word('yours') : word('theirs', { who: c.taken_by }))
      : c.status === 'waiting' ? word('waitingForStaff') : word('status', { status: c.status });
    $('conv-state').textContent = (c.risk ? word('riskFlagged') : '') + word('why', { reason: c.reason }) + state;
    $('take').hidden = c.status !== 'waiting';
    ['handback', 'start-intake', 'close'].forEach(function (id) { $(id).hidden = !c.mine; });
    $('send').hidden = !c.mine;
    $('canned').hidden = !c.mine;
    $('correct').hidden = !c.mine;
    var t = $('transcript');
    var wasAtBottom = shownCount === 0 || atBottom(t);
    var added = c.transcript.length - shownCount;
    for (var i = shownCount; i < c.transcript.length; i++) {
      var m = c.transcript[i];
      var li = text('li', '', 'msg ' + m.from);
      li.appendChild(text('span', { user: word('whoUser'), bot: word('whoBot'), staff: word('whoStaff') }[m.from] || m.from, 'who'));
      li.appendChild(text('span', m.text, 'body'));
      t.appendChild(li);
    }
    shownCount = c.transcript.length;
    // Follow new messages, unless the operator has scrolled up to read: then offer to jump.
    if (added > 0 && wasAtBottom) { toBottom(); } else if (added > 0) { $('new-messages').hidden = false; }
    var card = c.card;
    $('assessment').textContent = word('assessment') + (card.assessment.outcome || word('notAssessed')) +
      (card.assessment.summary ? ' - ' + card.assessment.summary : '') + (card.reference ? word('sent', { reference: card.reference }) : '');
    $('flags').textContent = card.risk_flags.length ? word('flags') + card.risk_flags.join(', ') : '';
    var dl = $('answers');
    dl.textContent = '';
    card.answers.forEach(function (row) { dl.appendChild(text('dt', row.label)); dl.appendChild(text('dd', row.value)); });
    $('reports').textContent = card.reports;
    var select = $('correct-slot');
    if (!select.options.length) {
      card.editable.forEach(function (e) {
        var o = document.createElement('option');
        o.value = e.slot; o.textContent = e.label; select.appendChild(o);
      });
    }
  }

  function atBottom(t) { return t.scrollHeight - t.scrollTop - t.clientHeight < NEAR_BOTTOM_PX; }

  function toBottom() {
    var t = $('transcript');
    t.scrollTop = t.scrollHeight;
    $('new-messages').hidden = true;
  }

  function show(sessionId) {
    if (open !== sessionId) {
      open = sessionId; shownCount = 0; $('transcript').textContent = ''; $('new-messages').hidden = true;
    }
    return refreshConversation();
  }

  function refreshConversation() {
    if (!open) { return Promise.resolve(); }
    var asked = open;
    return api('conversations/' + encodeURIComponent(asked)).then(function (c) {
      if (c._status === 200 && asked === open) { drawConversation(c); }
    });
  }

  // One fetch at a time per thing; changes arriving meanwhile cause one more fetch after it.
  function coalesced(fetchAndDraw) {
    var running = false, again = false;
    return function run() {
      if (running) { again = true; return; }
      running = true;
      fetchAndDraw().catch(function () {}).then(function () {
        running = false;
        if (again) { again = false; run(); }
      });
    };
  }
  var refreshQueue = coalesced(function () { return api('queue').then(drawQueue); });
  var refreshOpen = coalesced(refreshConversation);

  function act(what, body) {
    return api('conversations/' + encodeURIComponent(open) + '/' + what, body || {}).then(function (r) {
      if (r._status !== 200) { $('conv-state').textContent = r.error || word('didNotWork'); }
      return refreshConversation();
    });
  }

  $('new-messages').addEventListener('click', function () {
    toBottom();
    $('transcript').focus();  // the button has gone: keep the keyboard user where they meant to be
  });
  $('transcript').addEventListener('scroll', function () {
    if (atBottom($('transcript'))) { $('new-messages').hidden = true; }
  });
  $('take').addEventListener('click', function () { act('take'); });
  $('handback').addEventListener('click', function () { act('handback'); });
  $('start-intake').addEventListener('click', function () { act('start-intake'); });
  $('close').addEventListener('click', function () { act('close'); });
  $('send').addEventListener('submit', function (e) {
    e.preventDefault();
    var value = $('reply').value.trim();
    if (!value) { return; }
    $('reply').value = '';
    act('send', { text: value });
  });
  $('correct').addEventListener('submit', function (e) {
    e.preventDefault();
    act('correct', { slot: $('correct-slot').value, value: $('correct-value').value }).then(function () {
      $('correct-value').value = '';
    });
  });
  api('me').then(function (me) {
    me.canned.forEach(function (c) {
      var b = text('button', c.title, 'secondary');
      b.type = 'button';
      b.addEventListener('click', function () { act('send', { text: c.text }); });
      $('canned').appendChild(b);
    });
  });

  function setLive(on) {
    live = on;
    document.body.setAttribute('data-live', on ? 'push' : 'polling');
  }

  function listen() {
    if (!window.EventSource) { return; }  // polling only
    var source = new EventSource('/console/api/events');
    source.onmessage = function (e) {
      var change = JSON.parse(e.data);
      setLive(true);
      if (change.kind === 'hello' || change.kind === 'everything') { refreshQueue(); refreshOpen(); return; }
      if (change.kind === 'queue' || change.kind === 'presence') { refreshQueue(); }
      if (change.session_id && change.session_id === open) { refreshOpen(); }
    };
    source.onerror = function () {
      setLive(false);  // the browser retries by itself; polling covers the gap
      if (source.readyState === EventSource.CLOSED) {
        // Refused (signed out, server restarting): api() sends a signed-out operator to sign in.
        api('me').catch(function () {});
        setTimeout(listen, RECONNECT_MS);
      }
    };
  }

  function fallbackPoll() {
    if (!live) { refreshQueue(); refreshOpen(); }
    setTimeout(fallbackPoll, FALLBACK_POLL_MS);
  }

  setLive(false);
  refreshQueue();
  setInterval(refreshQueue, QUEUE_REFRESH_MS);
  listen();
  setTimeout(fallbackPoll, FALLBACK_POLL_MS);
}());
