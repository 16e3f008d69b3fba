"""The console's two HTML pages. No value from a request is ever put into them unescaped; their
words are domain.yml's (`{word[id]}` below), escaped as they go in."""

from __future__ import annotations

from html import escape
from typing import Any

from shared import words

HEAD = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title><link rel="stylesheet" href="/console/static/console.css"></head>
<body><header class="bar"><span class="service">{word[console_service]}</span>{who}</header>
<main id="main" class="wrap">"""

LOGIN = HEAD + """
<h1>{word[console_sign_in]}</h1>
{error}
<form method="post" action="/console/login" class="login">
  <label for="name">{word[console_login_name]}</label>
  <input id="name" name="name" autocomplete="username" required>
  <label for="password">{word[console_password]}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">{word[console_sign_in]}</button>
</form>
</main></body></html>"""

CONSOLE = HEAD + """
<div class="columns">
  <section aria-labelledby="queue-h" class="queue">
    <h1 id="queue-h">{word[console_conversations]}</h1>
    <p id="presence" class="hint"></p>
    <ul id="queue" aria-live="polite"></ul>
  </section>
  <section aria-labelledby="conv-h" class="conversation" hidden id="conversation">
    <h2 id="conv-h">{word[console_conversation]}</h2>
    <p id="conv-state" class="state" role="status"></p>
    <div class="actions">
      <button id="take" type="button">{word[console_take]}</button>
      <button id="handback" type="button">{word[console_hand_back]}</button>
      <button id="start-intake" type="button">{word[console_start_intake]}</button>
      <button id="close" type="button" class="secondary">{word[console_close]}</button>
    </div>
    <div class="transcript-wrap">
      <ol id="transcript" class="transcript" aria-live="polite" aria-label="{word[console_transcript]}" tabindex="0"></ol>
      <button id="new-messages" type="button" class="secondary new-messages" hidden>{word[console_new_messages]} <span aria-hidden="true">&#8595;</span></button>
    </div>
    <form id="send" class="send">
      <label for="reply">{word[console_your_message]}</label>
      <textarea id="reply" rows="2" maxlength="2000"></textarea>
      <button type="submit">{word[console_send]}</button>
    </form>
    <div id="canned" class="canned" aria-label="{word[console_canned_replies]}"></div>
  </section>
  <section aria-labelledby="card-h" class="card" hidden id="card">
    <h2 id="card-h">{word[console_case_card]}</h2>
    <p id="assessment"></p>
    <p id="flags" class="flags"></p>
    <dl id="answers"></dl>
    <pre id="reports" class="reports"></pre>
    <h3>{word[console_correct_an_answer]}</h3>
    <form id="correct">
      <label for="correct-slot">{word[console_answer]}</label>
      <select id="correct-slot"></select>
      <label for="correct-value">{word[console_corrected_value]}</label>
      <input id="correct-value" maxlength="2000">
      <button type="submit">{word[console_save_correction]}</button>
    </form>
  </section>
</div>
<script src="/console/static/console.js"></script>
</main></body></html>"""


class _Escaped:
    """`{word[id]}` in a page: the word, escaped for HTML."""

    def __getitem__(self, word_id: str) -> str:
        return escape(words.text(word_id))


def _page(template: str, **values: Any) -> str:
    return template.format(word=_Escaped(), **values)


def login_page(error: str = "") -> str:
    message = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    return _page(LOGIN, title=escape(words.text("console_sign_in_title")), who="", error=message)


def console_page(display: str) -> str:
    signed_in = escape(words.text("console_signed_in_as", name=display))
    who = (f'<span class="who">{signed_in}</span>'
           '<form method="post" action="/console/logout" class="logout">'
           f'<button type="submit">{escape(words.text("console_sign_out"))}</button></form>')
    return _page(CONSOLE, title=escape(words.text("console_title")), who=who)
