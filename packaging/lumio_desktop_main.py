"""Entry point of the PyInstaller bundle."""

import sys

from lumio_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
