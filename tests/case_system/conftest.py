from __future__ import annotations

import pytest
from case_system_helpers import start_case_system

from launcher.supervisor import Supervisor


@pytest.fixture(scope="module")
def cs_logs(tmp_path_factory):
    return tmp_path_factory.mktemp("cs_logs")


@pytest.fixture(scope="module")
def cs(tmp_path_factory, cs_logs):
    """One real reference case system for the module (each test uses its own application ids)."""
    sup = Supervisor({}, log_dir=cs_logs, echo=False)
    try:
        yield start_case_system(sup, tmp_path_factory.mktemp("cs"))
    finally:
        sup.stop()
