"""The built program's entry point: ``daftar`` exactly as the installed command."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # Windows: a frozen program's child processes
    from desktop.launch import main

    sys.exit(main())
