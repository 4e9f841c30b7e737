"""The top-level API: every name in __all__ resolves, and importing palanca stays light."""

from __future__ import annotations

import subprocess
import sys

import palanca


def test_every_public_name_resolves():
    for name in palanca.__all__:
        assert getattr(palanca, name) is not None


def test_import_palanca_does_not_import_pandas_or_scipy():
    code = "import sys, palanca; print('pandas' in sys.modules, 'scipy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
