"""Import every module of the installed palanca package; print one JSON line per module.

Run by the packaging tests inside a virtualenv that has only palanca's core dependencies. A module either
imports, or raises ImportError whose message names the extra to install (``pip install 'palanca[web]'``).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import traceback

import palanca


def main() -> int:
    names = ["palanca"] + [m.name for m in pkgutil.walk_packages(palanca.__path__, prefix="palanca.")]
    for name in sorted(names):
        record = {"module": name, "ok": True, "error": None, "kind": None}
        try:
            importlib.import_module(name)
        except ImportError as exc:
            record.update(ok=False, kind="ImportError", error=str(exc))
        except Exception as exc:  # anything else is a bug in the module, reported with its trace
            record.update(ok=False, kind=type(exc).__name__, error="".join(traceback.format_exception(exc))[-2000:])
        print(json.dumps(record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
