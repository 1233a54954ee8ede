"""`python -m generator.checks` rejects bad input before synthesizing."""
from __future__ import annotations

import pytest

from generator.checks.__main__ import main

pytestmark = pytest.mark.static


def test_unknown_environment_is_bad_input(capsys):
    assert main(["--env", "nope"]) == 2
    assert "unknown environment 'nope'" in capsys.readouterr().err
