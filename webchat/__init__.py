"""The chat widget residents use on the force website, and a demonstration page for it.

``python -m webchat --host 127.0.0.1 --port 8080`` serves the demo page, the widget
(``widget.js``, ``widget.css``), the socket.io browser client and ``/config.js``.
"""
