from lumio_desktop.cli import main

raise SystemExit(main())
