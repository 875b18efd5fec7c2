"""Connecting an account: OAuth 2.0 for a desktop app (PKCE, loopback redirect), static tokens, the token vault over
keyring, refresh, disconnect, and redaction. No Qt here.

Where to look (each module's docstring has its API):
- `connections.ConnectionService`: create / reconnect / list / disconnect connections; `auth_for(id)`.
- `session.ConnectionAuth`: `auth_headers()` and `on_unauthorized(response)` for the HTTP layer.
- `flow.OAuthFlow` + `flow.open_browser`: the sign-in in the browser, caught on 127.0.0.1.
- `vault.TokenVault`, `vault.Credentials`, `vault.NO_KEYCHAIN_MESSAGE`: secrets in the OS keychain only.
- `redact`: `redact_headers`, `redact_url`, `redact_text`, `RedactingFilter`.
- `errors`: `AuthError`, `ReconnectRequired`, `OAuthFlowError`, `OAuthTimeout`, `OAuthCancelled`,
  `TransientAuthError`, `VaultError`.
- `memory_keyring.MemoryKeyring`: an in-process keyring backend (the no-keychain fallback; the tests' keyring).

Imports stay lazy: `import lumio_desktop.auth` costs nothing; import the module you need.
"""
