"""One guard for every patch of Rasa's internals: they are tested against one Rasa version only.

Each patch (bot/fast_model_load.py, bot/action_response_check.py, bot/request_json.py,
bot/tracker_speedups.py, bot/action_failure.py) replaces or wraps methods whose code it copies
or relies on; another Rasa version may have changed them. So before patching, each asks
:func:`may_patch`: on the tested version it says yes; on any other it refuses to start with an
error naming the patch, the version found and the upstream issue the patch stands in for —
unless ``ASB_ALLOW_UNTESTED_RASA=1``, which skips the patch (Rasa's own behaviour) with a
warning. The tracker cache and the erasing store are not patches: they are a tracker-store
subclass named in endpoints.yml, Rasa's supported extension point.
"""

from __future__ import annotations

import logging

from shared.settings import allow_untested_rasa

logger = logging.getLogger("asb.rasa_version")

TESTED_RASA = "3.6.21"
ALLOW_ENV = "ASB_ALLOW_UNTESTED_RASA"


class UntestedRasaVersion(RuntimeError):
    """Raised at start-up when a patch meets a Rasa version it was not tested against.
    A RuntimeError, not an ImportError: Rasa silently swaps an unimportable tracker store for
    an in-memory one, and this must stop the server instead."""


def installed_rasa_version() -> str:
    import rasa

    return rasa.__version__


def may_patch(patch: str, upstream: str) -> bool:
    """True when ``patch`` may be installed; False (with a warning) to skip it on an untested
    Rasa when ASB_ALLOW_UNTESTED_RASA=1; otherwise raises :class:`UntestedRasaVersion`."""
    found = installed_rasa_version()
    if found == TESTED_RASA:
        return True
    if allow_untested_rasa():
        logger.warning("%s skipped: tested with Rasa %s, found %s (%s=1); Rasa's own behaviour is used. "
                       "Upstream: %s", patch, TESTED_RASA, found, ALLOW_ENV, upstream)
        return False
    raise UntestedRasaVersion(
        f"{patch} patches Rasa internals tested with Rasa {TESTED_RASA}, but Rasa {found} is installed. "
        f"Check the patch against this version (its test compares it with Rasa's own behaviour), or "
        f"set {ALLOW_ENV}=1 to run without it. Upstream: {upstream}"
    )
