"""Errors a person can act on. Their message is the whole story: the CLI prints it on one line and exits 2."""


class LumioError(Exception):
    """Base for errors that carry a message meant for the user, never a traceback."""

    exit_code = 2


class SettingsError(LumioError):
    pass


class StoreError(LumioError):
    pass
