"""How keys and construct paths become Terraform logical ids (one rule, used by every stack)."""
from __future__ import annotations

import re
from collections.abc import Iterable

_NOT_ADDRESS = re.compile(r"[^A-Za-z0-9_]")


def logical_id(path: Iterable[str]) -> str:
    """The readable, stable address of a construct path below its stack: `svc-ui/service` -> `svc_ui_service`."""
    return _NOT_ADDRESS.sub("_", "_".join(path))
