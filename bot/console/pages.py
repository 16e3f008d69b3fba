"""The console's two HTML pages. No value from a request is ever put into them unescaped."""

from __future__ import annotations

from html import escape

HEAD = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title><link rel="stylesheet" href="/console/static/console.css"></head>
<body><header class="bar"><span class="service">ASB Case Review: operator console</span>{who}</header>
<main id="main" class="wrap">"""

LOGIN = HEAD + """
<h1>Sign in</h1>
{error}
<form method="post" action="/console/login" class="login">
  <label for="name">Login name</label>
  <input id="name" name="name" autocomplete="username" required>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>
</main></body></html>"""

CONSOLE = HEAD + """
<div class="columns">
  <section aria-labelledby="queue-h" class="queue">
    <h1 id="queue-h">Conversations</h1>
    <p id="presence" class="hint"></p>
    <ul id="queue" aria-live="polite"></ul>
  </section>
  <section aria-labelledby="conv-h" class="conversation" hidden id="conversation">
    <h2 id="conv-h">Conversation</h2>
    <p id="conv-state" class="state" role="status"></p>
    <div class="actions">
      <button id="take" type="button">Take</button>
      <button id="handback" type="button">Hand back to the assistant</button>
      <button id="start-intake" type="button">Start the application for them</button>
      <button id="close" type="button" class="secondary">Close</button>
    </div>
    <div class="transcript-wrap">
      <ol id="transcript" class="transcript" aria-live="polite" aria-label="Transcript" tabindex="0"></ol>
      <button id="new-messages" type="button" class="secondary new-messages" hidden>New messages <span aria-hidden="true">&#8595;</span></button>
    </div>
    <form id="send" class="send">
      <label for="reply">Your message</label>
      <textarea id="reply" rows="2" maxlength="2000"></textarea>
      <button type="submit">Send</button>
    </form>
    <div id="canned" class="canned" aria-label="Canned replies"></div>
  </section>
  <section aria-labelledby="card-h" class="card" hidden id="card">
    <h2 id="card-h">Case card</h2>
    <p id="assessment"></p>
    <p id="flags" class="flags"></p>
    <dl id="answers"></dl>
    <pre id="reports" class="reports"></pre>
    <h3>Correct an answer</h3>
    <form id="correct">
      <label for="correct-slot">Answer</label>
      <select id="correct-slot"></select>
      <label for="correct-value">Corrected value</label>
      <input id="correct-value" maxlength="2000">
      <button type="submit">Save correction</button>
    </form>
  </section>
</div>
<script src="/console/static/console.js"></script>
</main></body></html>"""


def login_page(error: str = "") -> str:
    message = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    return LOGIN.format(title="Sign in - operator console", who="", error=message)


def console_page(display: str) -> str:
    who = (f'<span class="who">Signed in as {escape(display)}</span>'
           '<form method="post" action="/console/logout" class="logout"><button type="submit">Sign out</button></form>')
    return CONSOLE.format(title="Operator console", who=who)
