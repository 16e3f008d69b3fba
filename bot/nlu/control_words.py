"""Words that must be present before a low-confidence *control* intent may interrupt the intake.

DIET sometimes gives an answer it has never seen (a shop's name, "Patel's Convenience Store")
to `stop` with 0.45-0.7 confidence. Inside the form, a control intent is not an answer, so the
resident would be asked "Do you want to stop?" instead of the next question. A control intent
below CONFIDENT is kept only when the message has a word that intent is made of; otherwise the
message is an answer (`inform`). Safeguarding intents are never touched: a missed cue is worse
than a false alarm.
"""

from __future__ import annotations

import re
from typing import Optional

CONFIDENT = 0.8

_WORDS = {
    "stop": r"stop|cancel|quit|exit|forget|delete|erase|end|leave|scrap|abandon|bin|enough|done|pack|"
            r"don'?t want|do not want|never ?mind|changed my mind|not doing|no more|give up|finish|rid|wipe|remove|clear",
    "start_again": r"start|again|over|restart|beginning|scratch|redo|reset|fresh",
    "go_back": r"back|previous|last (question|one)|undo|before",
    "change_answer": r"change|wrong|mistake|correct|update|edit|actually|meant|instead|amend|fix|not|should|"
                     r"delete|remove|typo|spelt|spelled",
    "request_human": r"person|human|someone|somebody|real|officer|operator|staff|talk|speak|call|phone|ring|advisor|agent",
    "bot_challenge": r"bot|robot|human|real|person|computer|ai|machine|automated|chat ?bot|program",
    "ask_why": r"why|what for|need|reason|purpose|point|have to|must",
    "greet": r"hi|hello|hey|hiya|morning|afternoon|evening|alright|yo",
    "goodbye": r"bye|goodbye|see you|later|night|cya|ta ra|tara",
    "thank": r"thank|thanks|ta|cheers|thx|ty|appreciate|grateful",
    "carry_on": r"carry|continue|keep|go on|crack|next|cont|proceed",
    # A question has a question word or mark: "My name's Priya Shah" is an answer, not the
    # "can I stay anonymous?" question.
    "faq": r"what|how|who|why|when|where|which|can|could|do|does|did|is|are|will|would|should|shall|may|"
           r"tell|explain|mean|info|happen|wondering|want|need|have to|must|don'?t|not|rather|prefer|worried|"
           r"scared|afraid|if|anyone|any|define|meaning|about|wots?|wat",
}
# Checked at any confidence: the FAQ selector is confidently wrong on names ("My name's ...").
ALWAYS_CHECKED = {"faq"}
_PATTERNS = {intent: re.compile(rf"\b({words})" + (r"|\?" if intent == "faq" else ""), re.IGNORECASE)
             for intent, words in _WORDS.items()}


# An email address or a phone number alone is an answer, whatever DIET makes of it: a resident
# typing their email at "And an email address?" was told how to complain about an officer, again
# and again (a simulated resident written apart, 54).
_CONTACT_DETAIL = re.compile(r"^\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d[\d ()-]{6,}\d)\s*[.!]?\s*$")
_ROUTED_ELSEWHERE = {"complain_about_staff", "report_new_incident"}


def guarded_intent(intent: Optional[str], confidence: float, text: str) -> Optional[str]:
    """`inform` when a weak control intent has none of its words in `text`, or any control
    intent was given to an email address or phone number alone; else None (keep it)."""
    if (intent in _PATTERNS or intent in _ROUTED_ELSEWHERE) and _CONTACT_DETAIL.match(text):
        return "inform"
    pattern = _PATTERNS.get(intent or "")
    if pattern is None or (confidence >= CONFIDENT and intent not in ALWAYS_CHECKED) or pattern.search(text):
        return None
    return "inform"
