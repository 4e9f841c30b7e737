"""One way for a result to show itself: ``summary`` (text) is what ``str()``, the terminal and a notebook display.

Results subclass `Summary` and define ``summary`` (plain text) and ``to_dict`` (a JSON-ready record); ``__str__``
and ``_repr_html_`` (Jupyter) both render ``summary``, so the notebook shows exactly what the CLI prints. Modelled
on linearmodels' ``_SummaryStr`` (``linearmodels/shared/base.py``).
"""

from __future__ import annotations

import html
from typing import Any

__all__ = ["Summary"]

_PRE = "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;white-space:pre;line-height:1.3"


class Summary:
    """Mixin for read-only results: ``summary`` text, ``to_dict`` record, ``str()`` and the notebook view."""

    __slots__ = ()

    @property
    def summary(self) -> str:
        """The result as plain text (what the CLI prints)."""
        raise NotImplementedError(f"{type(self).__name__} must define `summary`.")

    def to_dict(self) -> dict[str, Any]:
        """The result as a JSON-ready record with stable keys."""
        raise NotImplementedError(f"{type(self).__name__} must define `to_dict`.")

    def __str__(self) -> str:
        return self.summary

    def _repr_html_(self) -> str:
        """The same text as ``summary``, escaped, in a monospace block (Jupyter calls this)."""
        return f"<pre style='{_PRE}'>{html.escape(self.summary)}</pre>"
