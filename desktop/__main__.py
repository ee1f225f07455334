"""``python -m desktop``: the same entry point as the ``daftar`` command."""

import sys

from .launch import main

sys.exit(main())
