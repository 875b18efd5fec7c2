"""The desktop UI: the only package that imports Qt. `health` and `queries` stay Qt-free so they test without Qt."""
