"""Printed documents (reportlab), Qt-free: Persian shaping, fonts, layouts.

Every Persian string on paper goes through :func:`desktop.printing.shaping.shape`
once: Persian digits, joined letter forms, visual right-to-left order, mirrored
brackets.  Layouts draw straight on the canvas (no platypus) for speed.
"""
