"""Canned replies for the usual signposting (the console's quick buttons)."""

CANNED = [
    ("Emergency", "If you are in danger now, please call 999. If you can't speak, call 999 from a mobile and press 55."),
    ("101", "You can also call 101 to speak to the police about this, any time."),
    ("Victim Support", "Victim Support can help whatever happens, free on 08 08 16 89 111."),
    ("Samaritans", "If you're struggling, Samaritans are there day and night, free on 116 123."),
    ("Domestic abuse", "The National Domestic Abuse Helpline is free and open 24 hours: 0808 2000 247."),
    ("Back to the assistant", "Thank you. I'm going to hand you back to the assistant now, which will carry on "
                              "with your application from where you left off."),
]
