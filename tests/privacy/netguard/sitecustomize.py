"""Loaded by every Python process a no-outbound test starts (its folder leads PYTHONPATH).

An audit hook sees every socket connection and name lookup the process attempts; any that
is not loopback or a Unix socket is written to $ASB_NETGUARD_LOG (one line: pid, event,
host) and refused, so the test both records and prevents traffic leaving the machine.
"""

import os
import sys

_LOG = os.environ.get("ASB_NETGUARD_LOG")
_LOCAL_NAMES = {None, "", "localhost", "127.0.0.1", "::1", "0.0.0.0", "::", b"localhost", b"127.0.0.1"}


def _is_local(host) -> bool:
    if host in _LOCAL_NAMES:
        return True
    text = host.decode() if isinstance(host, bytes) else str(host)
    return text.startswith("127.") or text in ("::1", "localhost") or text.endswith(".localhost")


def _record(event, host) -> None:
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {event} {host!r} {' '.join(sys.argv[:3])}\n")


def _hook(event, args) -> None:
    if event == "socket.connect":
        sock, address = args
        if isinstance(address, tuple) and address and not _is_local(address[0]):
            _record(event, address[0])
            raise OSError(f"no-outbound test: connection to {address[0]!r} refused")
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex"):
        host = args[0] if args else None
        if not _is_local(host):
            _record(event, host)
            raise OSError(f"no-outbound test: name lookup of {host!r} refused")


if _LOG:
    sys.addaudithook(_hook)
