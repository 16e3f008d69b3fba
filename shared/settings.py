"""Every setting the product understands, read from the environment here and nowhere else.

This is the one module that touches ``os.environ`` (tests/layout/test_settings_only.py fails
on any other). Each variable has one accessor below, grouped by who uses it, with its default
and what it is for; the README's "Configuration" table lists the same variables.

Each accessor reads the environment when it is called, never at import, so a test that sets
a variable with ``monkeypatch.setenv`` sees it on the next call. "Unset" means unset or empty
unless an accessor says otherwise.

Writing the environment (for this process, or building a child process's) goes through the
functions at the end: :func:`export`, :func:`export_default`, :func:`export_all`,
:func:`temporarily` and :func:`child_environment`.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping, Optional, Union

ROOT = Path(__file__).resolve().parent.parent


def _raw(name: str, default: Optional[str] = None) -> Optional[str]:
    """The variable as it is (an empty value stays empty)."""
    return os.environ.get(name, default)


def _env(name: str, default: str) -> str:
    """The variable, or ``default`` when it is unset or empty."""
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _set(name: str) -> Optional[str]:
    """The variable, or None when it is unset or empty."""
    return os.environ.get(name) or None


def _is_one(name: str) -> bool:
    """True only when the variable is exactly "1"."""
    return os.environ.get(name) == "1"


def _number(name: str, default: float) -> float:
    """The variable as a float, or ``default`` when it is unset or empty."""
    value = os.environ.get(name)
    return float(value) if value else default


# -- Where the services listen ---------------------------------------------------------------

def host() -> str:
    """ASB_HOST (127.0.0.1): the interface every service binds to."""
    return _env("ASB_HOST", "127.0.0.1")


def rasa_port() -> int:
    """ASB_RASA_PORT (5005): the Rasa server (REST, socket.io, HTTP API, operator console)."""
    return int(_env("ASB_RASA_PORT", "5005"))


def actions_port() -> int:
    """ASB_ACTIONS_PORT (5055): the action server, called only by the Rasa server."""
    return int(_env("ASB_ACTIONS_PORT", "5055"))


def actions_host() -> str:
    """ASB_ACTIONS_HOST (ASB_HOST): the action server's own bind address."""
    return _env("ASB_ACTIONS_HOST", host())


def action_endpoint_url(bind: Optional[str] = None, port: Optional[int] = None) -> str:
    """ASB_ACTION_ENDPOINT_URL (http://ASB_ACTIONS_HOST:ASB_ACTIONS_PORT/webhook): where the
    Rasa server calls the action server (endpoints.yml)."""
    bind = actions_host() if bind is None else bind
    port = actions_port() if port is None else port
    return _env("ASB_ACTION_ENDPOINT_URL", f"http://{bind}:{port}/webhook")


def webchat_port() -> int:
    """ASB_WEBCHAT_PORT (8080): the demo page with the chat widget. An empty value is an error."""
    return int(_raw("ASB_WEBCHAT_PORT", "8080"))


def case_system_port() -> int:
    """ASB_CASE_SYSTEM_PORT (5080): the reference case system. An empty value is an error."""
    return int(_raw("ASB_CASE_SYSTEM_PORT", "5080"))


def delivery_health_port() -> int:
    """ASB_DELIVERY_HEALTH_PORT (5081): the delivery worker's GET /health (0 disables it)."""
    return int(_number("ASB_DELIVERY_HEALTH_PORT", 5081))


def purge_health_port() -> int:
    """ASB_PURGE_HEALTH_PORT (5082): the scheduled purge's GET /health."""
    return int(_set("ASB_PURGE_HEALTH_PORT") or 5082)


def allowed_origins() -> tuple[str, ...]:
    """ASB_ALLOWED_ORIGINS (http://127.0.0.1:8080 http://localhost:8080): CORS origins of the
    sites embedding the chat, space-separated."""
    return tuple(_env("ASB_ALLOWED_ORIGINS", "http://127.0.0.1:8080 http://localhost:8080").split())


def trusted_proxies() -> list[str]:
    """ASB_TRUSTED_PROXIES (none): the force's reverse proxies, space- or comma-separated, whose
    X-Forwarded-For the operator console's sign-in throttle believes."""
    return (_raw("ASB_TRUSTED_PROXIES") or "").replace(",", " ").split()


# -- Where things are kept ---------------------------------------------------------------------

def var_dir() -> Path:
    """ASB_VAR_DIR (var/): SQLite files and the secrets made once."""
    return Path(_env("ASB_VAR_DIR", str(ROOT / "var")))


def endpoints() -> Path:
    """ASB_ENDPOINTS (endpoints.yml): Rasa's endpoints (tracker store, action server)."""
    return Path(_env("ASB_ENDPOINTS", str(ROOT / "endpoints.yml")))


_DOMAIN = str(ROOT / "domain.yml")


def domain() -> Path:
    """ASB_DOMAIN (domain.yml): the domain, whose `words:` block holds every sentence the
    product's own code shows a resident or operator (shared/words.py reads it)."""
    return Path(domain_file())


def domain_file() -> str:
    """ASB_DOMAIN as a string: shared/words.py asks for it on every sentence, so it is cheap."""
    return _env("ASB_DOMAIN", _DOMAIN)


def credentials() -> Path:
    """ASB_CREDENTIALS (credentials.yml): Rasa's channels."""
    return Path(_env("ASB_CREDENTIALS", str(ROOT / "credentials.yml")))


def tracker_db(var: Optional[Path] = None) -> Path:
    """ASB_TRACKER_DB (var/tracker.db): conversations (SQLite tracker store)."""
    return Path(_env("ASB_TRACKER_DB", str((var or var_dir()) / "tracker.db")))


def outbox_db(var: Optional[Path] = None) -> Path:
    """ASB_OUTBOX_DB (var/outbox.db): submitted applications waiting for, or sent to, the case system."""
    return Path(_env("ASB_OUTBOX_DB", str((var or var_dir()) / "outbox.db")))


def outbox_db_in_checkout() -> Path:
    """ASB_OUTBOX_DB as shared/outbox/store.py has always read it: its default is the
    checkout's var/outbox.db whatever ASB_VAR_DIR says (`make run` always sets ASB_OUTBOX_DB)."""
    return Path(_set("ASB_OUTBOX_DB") or ROOT / "var" / "outbox.db")


def database_url() -> Optional[str]:
    """ASB_DATABASE_URL (unset): a SQLAlchemy URL (``postgresql://user:password@host/db``) of one
    database holding the project's own data - the outbox, the handoff queue and audit, operators
    and their console sessions, ended chat sessions - in place of the SQLite files under var/
    (ASB_OUTBOX_DB, ASB_HANDOFF_DB, ASB_ENDED_SESSIONS_DB), so several instances share it."""
    return _set("ASB_DATABASE_URL")


def handoff_db(var: Optional[Path] = None) -> Path:
    """ASB_HANDOFF_DB (var/handoff.db): the handoff queue and the operator audit trail."""
    return Path(_env("ASB_HANDOFF_DB", str((var or var_dir()) / "handoff.db")))


def ended_sessions_db(var: Optional[Path] = None) -> Path:
    """ASB_ENDED_SESSIONS_DB (var/ended-sessions.db): chat sessions the resident ended."""
    return Path(_env("ASB_ENDED_SESSIONS_DB", str((var or var_dir()) / "ended-sessions.db")))


def _in_database_or(path: Path) -> Union[Path, str]:
    return database_url() or path


def outbox_location(var: Optional[Path] = None) -> Union[Path, str]:
    """The outbox: ASB_DATABASE_URL when set, else the SQLite file ASB_OUTBOX_DB."""
    return _in_database_or(outbox_db(var))


def handoff_location(var: Optional[Path] = None) -> Union[Path, str]:
    """The handoff queue, audit, operators and their sessions: ASB_DATABASE_URL, else ASB_HANDOFF_DB."""
    return _in_database_or(handoff_db(var))


def ended_sessions_location(var: Optional[Path] = None) -> Union[Path, str]:
    """Ended chat sessions: ASB_DATABASE_URL, else ASB_ENDED_SESSIONS_DB."""
    return _in_database_or(ended_sessions_db(var))


def operators_file(var: Optional[Path] = None) -> Path:
    """ASB_OPERATORS_FILE (var/operators.json): operators and their scrypt-hashed passwords."""
    return Path(_env("ASB_OPERATORS_FILE", str((var or var_dir()) / "operators.json")))


# -- Secrets (each made once into var/ when not given) ------------------------------------------

def _made_once(filename: str, var: Optional[Path] = None) -> str:
    from shared.secret_files import made_once

    return made_once((var or var_dir()) / filename)


def rasa_api_token(var: Optional[Path] = None) -> str:
    """RASA_API_TOKEN (made once into var/rasa-api-token): the token for Rasa's HTTP API.

    It never leaves the server side (operator console and tests read it from here), and
    never goes on a command line: bot.rasa_server hands it to Rasa in-process.
    """
    return _set("RASA_API_TOKEN") or _made_once("rasa-api-token", var)


def action_server_token(var: Optional[Path] = None) -> str:
    """ASB_ACTION_SERVER_TOKEN (made once into var/action-server-token): the secret the Rasa
    server sends the action server on every call (actions/server.py)."""
    return _set("ASB_ACTION_SERVER_TOKEN") or _made_once("action-server-token", var)


def action_server_token_given() -> str:
    """ASB_ACTION_SERVER_TOKEN as the action server sees it: `make run` always sets it; empty
    when not (the action server then refuses every call)."""
    return _raw("ASB_ACTION_SERVER_TOKEN", "") or ""


def session_secret() -> Optional[str]:
    """ASB_SESSION_SECRET (made once into var/session-secret): the key signing the widget's
    session ids (bot/channels/socketio.py). None when unset."""
    return _set("ASB_SESSION_SECRET")


# -- Several instances (issue 18; docs/scale-out.md) --------------------------------------------

def redis_host() -> Optional[str]:
    """ASB_REDIS_HOST (unset): Redis shared by several Rasa servers. Set, the socket.io channel
    reaches every instance's sockets through it and operator consoles hear changes made on any
    instance (bot/scale_out/); the lock store in deploy/endpoints.yml uses it too. Unset: one
    instance, nothing shared."""
    return _set("ASB_REDIS_HOST")


def redis_port() -> int:
    """ASB_REDIS_PORT (6379)."""
    return int(_set("ASB_REDIS_PORT") or 6379)


def redis_password() -> str:
    """ASB_REDIS_PASSWORD (none)."""
    return _set("ASB_REDIS_PASSWORD") or ""


def redis_url(db: int = 0) -> Optional[str]:
    """The redis:// URL of ASB_REDIS_HOST (database 0: socket.io and console changes; Rasa's
    lock store keeps to its own database 1), or None when unset."""
    host = redis_host()
    if not host:
        return None
    from urllib.parse import quote

    auth = f":{quote(redis_password(), safe='')}@" if redis_password() else ""
    return f"redis://{auth}{host}:{redis_port()}/{db}"


def pg_bin() -> Path:
    """ASB_PG_BIN (/usr/lib/postgresql/15/bin): the PostgreSQL server binaries `make run-scaled` runs."""
    return Path(_set("ASB_PG_BIN") or "/usr/lib/postgresql/15/bin")


def scaled_pg_dir() -> Optional[Path]:
    """ASB_SCALED_PG_DIR (var/scaled/postgres; as root, a folder in the temporary directory): the
    PostgreSQL cluster `make run-scaled` keeps between runs."""
    value = _set("ASB_SCALED_PG_DIR")
    return Path(value) if value else None


def several_instances() -> bool:
    """True when instances share Redis: each must then be given the same secrets and database."""
    return redis_host() is not None


# -- The conversation (Rasa server and action server) -------------------------------------------

DEFAULT_AREA = "staffordshire"
DEFAULT_OPERATOR_HOURS = "08:00-20:00"
DEFAULT_TIMEZONE = "Europe/London"
DEFAULT_SESSION_MAX_AGE_S = 12 * 60 * 60
DEFAULT_ACTION_TIMEOUT_S = 5.0
DEFAULT_TRACKER_CACHE = 200


def default_area() -> str:
    """ASB_DEFAULT_AREA (staffordshire): the area policy used when the location does not decide one."""
    return _set("ASB_DEFAULT_AREA") or DEFAULT_AREA


def operator_hours() -> str:
    """ASB_OPERATOR_HOURS (08:00-20:00): when operators answer the chat, in ASB_TIMEZONE
    (00:00-24:00 = always; several ranges space-separated)."""
    return _set("ASB_OPERATOR_HOURS") or DEFAULT_OPERATOR_HOURS


def timezone_name() -> str:
    """ASB_TIMEZONE (Europe/London): the zone of ASB_OPERATOR_HOURS."""
    return _set("ASB_TIMEZONE") or DEFAULT_TIMEZONE


def session_max_age_s() -> float:
    """ASB_SESSION_MAX_AGE (43200 = 12 hours): how long a widget session id is accepted; the
    purge forgets ended sessions after it. An empty value is an error."""
    return float(_raw("ASB_SESSION_MAX_AGE", DEFAULT_SESSION_MAX_AGE_S))  # type: ignore[arg-type]


def action_timeout_s() -> float:
    """ASB_ACTION_TIMEOUT (5 s): how long the Rasa server waits for one action-server call;
    anything not a positive number gives the default."""
    try:
        value = float(_raw("ASB_ACTION_TIMEOUT", DEFAULT_ACTION_TIMEOUT_S))  # type: ignore[arg-type]
    except ValueError:
        return DEFAULT_ACTION_TIMEOUT_S
    return value if value > 0 else DEFAULT_ACTION_TIMEOUT_S


def tracker_cache_size() -> int:
    """ASB_TRACKER_CACHE (200): conversations the tracker store keeps in memory (0 = none);
    a value that is not a whole number gives the default, a negative one 0."""
    try:
        return max(0, int(_raw("ASB_TRACKER_CACHE", str(DEFAULT_TRACKER_CACHE))))  # type: ignore[arg-type]
    except ValueError:
        return DEFAULT_TRACKER_CACHE


def fast_model_load() -> bool:
    """ASB_FAST_MODEL_LOAD (1): 0 builds the model's weights the way Rasa does at start."""
    return _raw("ASB_FAST_MODEL_LOAD", "1") != "0"


def allow_untested_rasa() -> bool:
    """ASB_ALLOW_UNTESTED_RASA (unset): 1 runs on an untested Rasa without the patches of its internals."""
    return _is_one("ASB_ALLOW_UNTESTED_RASA")


def allow_content_in_logs() -> bool:
    """ASB_ALLOW_CONTENT_IN_LOGS (unset): 1 allows DEBUG logging, which prints messages; never in production."""
    return _is_one("ASB_ALLOW_CONTENT_IN_LOGS")


def clock_under_test() -> bool:
    """ASB_TEST_CLOCK (unset): 1 lets tests set "today" through message metadata; never in production."""
    return _is_one("ASB_TEST_CLOCK")


def log_level(default: Optional[str] = None) -> Optional[str]:
    """LOG_LEVEL (INFO for the servers, WARNING for training): Rasa's and the action server's
    log level; DEBUG is refused unless ASB_ALLOW_CONTENT_IN_LOGS=1 (bot/privacy/redact.py)."""
    return _raw("LOG_LEVEL", default)


# -- The case system and the delivery worker ---------------------------------------------------

def case_system_url() -> Optional[str]:
    """CASE_SYSTEM_URL (the bundled case system, http://127.0.0.1:5080): where the worker sends
    applications. Set, `make run` does not start the bundled one."""
    return _set("CASE_SYSTEM_URL")


def case_system_token() -> Optional[str]:
    """CASE_SYSTEM_TOKEN (made once into var/case-system-token): the worker's bearer token."""
    return _set("CASE_SYSTEM_TOKEN")


def case_system_signing_secret() -> Optional[str]:
    """CASE_SYSTEM_SIGNING_SECRET (made once into var/case-system-signing-secret): signs each body."""
    return _set("CASE_SYSTEM_SIGNING_SECRET")


def case_system_caseworker_password() -> Optional[str]:
    """CASE_SYSTEM_CASEWORKER_PASSWORD (made once into var/case-system-caseworker-password):
    the reference case system's caseworker sign-in."""
    return _set("CASE_SYSTEM_CASEWORKER_PASSWORD")


def case_system_db(var: Optional[Path] = None) -> Path:
    """CASE_SYSTEM_DB (var/case_system.db): the reference case system's cases."""
    return Path(_set("CASE_SYSTEM_DB") or (var or var_dir()) / "case_system.db")


def case_system_database_url() -> Optional[str]:
    """CASE_SYSTEM_DATABASE_URL (unset): the reference case system's database as a SQLAlchemy URL,
    in place of the SQLite file CASE_SYSTEM_DB."""
    return _set("CASE_SYSTEM_DATABASE_URL")


def case_system_location(var: Optional[Path] = None) -> Union[Path, str]:
    """The reference case system's database: CASE_SYSTEM_DATABASE_URL, else CASE_SYSTEM_DB."""
    return case_system_database_url() or case_system_db(var)


def delivery_concurrency() -> int:
    """ASB_DELIVERY_CONCURRENCY (16): sends in flight at once."""
    return int(_number("ASB_DELIVERY_CONCURRENCY", 16))


def delivery_poll_s() -> float:
    """ASB_DELIVERY_POLL_S (1): how often the worker looks for due rows when idle."""
    return _number("ASB_DELIVERY_POLL_S", 1.0)


def delivery_timeout_s() -> float:
    """ASB_DELIVERY_TIMEOUT_S (30): the timeout of one request to the case system."""
    return _number("ASB_DELIVERY_TIMEOUT_S", 30.0)


def delivery_lease_s(timeout_s: float) -> float:
    """ASB_DELIVERY_LEASE_S (2 x timeout + 30): a crashed worker's claim is due again after this."""
    return _number("ASB_DELIVERY_LEASE_S", 2 * timeout_s + 30)


def delivery_backoff_base_s() -> float:
    """ASB_DELIVERY_BACKOFF_BASE_S (5): the first retry within 5 s, then 10, 20, ... (full jitter)."""
    return _number("ASB_DELIVERY_BACKOFF_BASE_S", 5.0)


def delivery_backoff_cap_s() -> float:
    """ASB_DELIVERY_BACKOFF_CAP_S (3600): never more than this between tries."""
    return _number("ASB_DELIVERY_BACKOFF_CAP_S", 3600.0)


def delivery_config_pause_s() -> float:
    """ASB_DELIVERY_CONFIG_PAUSE_S (60): the pause after a 401/403 (wrong token or secret)."""
    return _number("ASB_DELIVERY_CONFIG_PAUSE_S", 60.0)


def delivery_heartbeat() -> Path:
    """ASB_DELIVERY_HEARTBEAT (var/delivery-worker.heartbeat): the file the worker touches while alive."""
    return Path(_set("ASB_DELIVERY_HEARTBEAT") or var_dir() / "delivery-worker.heartbeat")


# -- Retention and the scheduled purge ---------------------------------------------------------

def _days(name: str, default: float) -> float:
    value = _raw(name)
    try:
        days = float(value) if value else default
    except ValueError:
        raise SystemExit(f"{name} must be a number of days, not {value!r}") from None
    if days < 0:
        raise SystemExit(f"{name} must not be negative")
    return days


def retain_conversations_days() -> float:
    """ASB_RETAIN_CONVERSATIONS_DAYS (30): a conversation with no application is deleted this
    long after its last message."""
    return _days("ASB_RETAIN_CONVERSATIONS_DAYS", 30)


def retain_delivered_days() -> float:
    """ASB_RETAIN_DELIVERED_DAYS (30): a sent application's payload (and its conversation) is
    deleted this long after the case system acknowledged it."""
    return _days("ASB_RETAIN_DELIVERED_DAYS", 30)


def purge_every_s() -> float:
    """ASB_PURGE_EVERY_S (3600): how often `make run`'s scheduled purge runs."""
    return float(_set("ASB_PURGE_EVERY_S") or 3600)


def purge_first_after_s() -> float:
    """ASB_PURGE_FIRST_AFTER_S (60): when the scheduled purge first runs after start."""
    return float(_set("ASB_PURGE_FIRST_AFTER_S") or 60)


# -- The demo page's widget (webchat/server.py; docs/webchat.md) ---------------------------------

def webchat_server_url() -> str:
    """ASB_WEBCHAT_SERVER_URL (http://ASB_HOST:ASB_RASA_PORT): the Rasa server the widget talks to."""
    return _env("ASB_WEBCHAT_SERVER_URL", f"http://{host()}:{_env('ASB_RASA_PORT', '5005')}")


def webchat_area() -> str:
    """ASB_WEBCHAT_AREA (ASB_DEFAULT_AREA): the area the widget names."""
    return _env("ASB_WEBCHAT_AREA", _env("ASB_DEFAULT_AREA", DEFAULT_AREA))


def webchat_exit_url() -> str:
    """ASB_WEBCHAT_EXIT_URL (https://www.bbc.co.uk/weather): where the quick exit goes."""
    return _env("ASB_WEBCHAT_EXIT_URL", "https://www.bbc.co.uk/weather")


def webchat_escape_exits() -> bool:
    """ASB_WEBCHAT_ESCAPE_EXITS (false): true makes Escape a quick exit too."""
    return _env("ASB_WEBCHAT_ESCAPE_EXITS", "false").lower() == "true"


def webchat_open_on_load() -> bool:
    """ASB_WEBCHAT_OPEN_ON_LOAD (false): true opens the widget when the page loads."""
    return _env("ASB_WEBCHAT_OPEN_ON_LOAD", "false").lower() == "true"


def webchat_brand() -> str:
    """ASB_WEBCHAT_BRAND (#1d70b8): the widget's brand colour."""
    return _env("ASB_WEBCHAT_BRAND", "#1d70b8")


def webchat_test_today() -> str:
    """ASB_WEBCHAT_TEST_TODAY (unset): with ASB_TEST_CLOCK=1, the "today" the widget sends; tests only."""
    return _env("ASB_WEBCHAT_TEST_TODAY", "")


# -- Staff and tester tools --------------------------------------------------------------------

def new_operator_password() -> Optional[str]:
    """ASB_NEW_OPERATOR_PASSWORD (asked for): the password `shared.handoff.operators add` sets."""
    return _set("ASB_NEW_OPERATOR_PASSWORD")


def dialogue_url() -> str:
    """ASB_DIALOGUE_URL (http://127.0.0.1:5005): the assistant `asb-dialogue-test` talks to."""
    return _raw("ASB_DIALOGUE_URL", "http://127.0.0.1:5005") or ""


def dialogue_token() -> Optional[str]:
    """ASB_DIALOGUE_TOKEN (unset): the Rasa API token `asb-dialogue-test` sends."""
    return _raw("ASB_DIALOGUE_TOKEN")


def bench_debug() -> bool:
    """BENCH_DEBUG (unset): any value makes the benchmark print a failed turn's traceback."""
    return bool(_raw("BENCH_DEBUG"))


def pythonpath() -> str:
    """PYTHONPATH (empty): kept after the checkout in every child process's path."""
    return _raw("PYTHONPATH", "") or ""


# -- The services' settings at once -------------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    """What the launcher and the servers need, read when the object is made."""

    host: str = field(default_factory=host)
    rasa_port: int = field(default_factory=rasa_port)
    actions_port: int = field(default_factory=actions_port)
    # The action server's own bind address: only the Rasa server calls it.
    actions_host: str = field(default_factory=actions_host)
    var_dir: Path = field(default_factory=var_dir)
    allowed_origins: tuple[str, ...] = field(default_factory=allowed_origins)
    endpoints: Path = field(default_factory=endpoints)
    credentials: Path = field(default_factory=credentials)

    @property
    def tracker_db(self) -> Path:
        return tracker_db(self.var_dir)

    @property
    def outbox_db(self) -> Path:
        return outbox_db(self.var_dir)

    @property
    def handoff_db(self) -> Path:
        return handoff_db(self.var_dir)

    @property
    def ended_sessions_db(self) -> Path:
        return ended_sessions_db(self.var_dir)

    @property
    def operators_file(self) -> Path:
        return operators_file(self.var_dir)

    @property
    def outbox_location(self) -> Union[Path, str]:
        return outbox_location(self.var_dir)

    @property
    def handoff_location(self) -> Union[Path, str]:
        return handoff_location(self.var_dir)

    @property
    def ended_sessions_location(self) -> Union[Path, str]:
        return ended_sessions_location(self.var_dir)

    @property
    def action_endpoint_url(self) -> str:
        return action_endpoint_url(self.actions_host, self.actions_port)

    def action_server_token(self) -> str:
        """ASB_ACTION_SERVER_TOKEN, or made once into this var/ (see the function of that name)."""
        return action_server_token(self.var_dir)

    def rasa_api_token(self) -> str:
        """RASA_API_TOKEN, or made once into this var/ (see the function of that name)."""
        return rasa_api_token(self.var_dir)


# -- Writing the environment ---------------------------------------------------------------------

def export(name: str, value: str) -> None:
    """Set a variable for this process and the children it starts."""
    os.environ[name] = value


def export_default(name: str, value: str) -> None:
    """Set a variable for this process unless it is already set (even to empty)."""
    os.environ.setdefault(name, value)


def export_all(values: Mapping[str, str]) -> None:
    """Set several variables for this process and its children."""
    os.environ.update(values)


@contextmanager
def temporarily(overrides: Mapping[str, str], drop: tuple[str, ...] = ()) -> Iterator[None]:
    """Within the block, ``overrides`` are set and ``drop`` unset; afterwards each is as it was."""
    saved = {k: os.environ.get(k) for k in (*overrides, *drop)}
    for k in drop:
        os.environ.pop(k, None)
    os.environ.update(overrides)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def child_environment(*layers: Mapping[str, str], **more: str) -> dict[str, str]:
    """The environment for a child process: this one's, then each layer and ``more`` on top."""
    env = dict(os.environ)
    for layer in layers:
        env.update(layer)
    env.update(more)
    return env
