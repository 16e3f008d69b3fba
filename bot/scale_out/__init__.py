"""What lets several Rasa servers serve one assistant (issue 18; docs/scale-out.md).

Rasa's own parts are shared through its configuration (deploy/endpoints.yml: the SQL tracker
store on PostgreSQL, the Redis lock store). What the project adds, switched on by
ASB_REDIS_HOST:

- ``socketio_manager``: python-socketio's Redis manager, so a message for a resident's socket
  (an answer, an operator's words, ``reply_done``) reaches it whichever instance emits it;
- ``change_relay``: the operator consoles' change notices, passed between instances;
- ``shared/several_instances.py``: refuses to start an instance whose secrets or database the others
  could not share.
"""
