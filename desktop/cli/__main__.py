"""``python -m desktop.cli``: the command line without the launcher."""

import sys

from .main import main

sys.exit(main())
