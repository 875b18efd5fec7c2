"""The sync engine. Imports no Qt: the UI listens through the event hub (events.py)."""
