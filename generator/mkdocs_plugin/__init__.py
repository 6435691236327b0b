"""The MkDocs adapter: glue between MkDocs 1.x events and the core (`generator.plan`).

Only this package imports MkDocs (tests/test_architecture.py checks it); the day the course moves
to another host, this package is what gets rewritten.
"""

from .plugin import HocVuSoPlugin

__all__ = ["HocVuSoPlugin"]
