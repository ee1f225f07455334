"""Daftar (دفتر): the desktop program of an Iranian school office.

Layers (see DESIGN.md), imports go downward only:
``views`` (Qt) -> ``services`` -> ``models`` -> ``domain``.  ``domain``,
``models`` and ``services`` never import Qt; ``tests/test_layers.py`` keeps it so.
"""

__version__ = "0.2.0"
