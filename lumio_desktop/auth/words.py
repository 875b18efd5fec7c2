"""The sentences the auth layer says to people (the connect wizard's errors, "needs reconnect" health reasons, token
and keychain trouble that ends a job), as templates (lumio_desktop/text.py).

One module that `auth/errors.py` imports, so a process that only reads the store knows them. A provider's own words
(an OAuth error_description, an error body) and an exception's text we did not write are always `{said}`. A sentence
that may be stored and quoted inside another starts with words of ours (see sync/providers/words.py).
"""

from __future__ import annotations

from lumio_desktop.text import QT_TRANSLATE_NOOP

# -- the token endpoint (auth/tokens.py) --------------------------------------------------------------------------
TOKEN_NOT_JSON = QT_TRANSLATE_NOOP(
    "engine", "the token endpoint answered HTTP {code} with a body that is not a JSON object ({n} bytes)")
TOKEN_HTTP = QT_TRANSLATE_NOOP("engine", "the token endpoint answered HTTP {code}")
NO_ACCESS_TOKEN = QT_TRANSLATE_NOOP("engine", "the {provider} token endpoint answered without an access token")
EXCHANGE_REFUSED = QT_TRANSLATE_NOOP(
    "engine", "{provider} refused the sign-in ({said}); nothing was saved: start the connection again")
EXCHANGE_TROUBLE = QT_TRANSLATE_NOOP("engine", "{provider}: {reason}; nothing was saved: try again in a few minutes")
EXCHANGE_UNREACHABLE = QT_TRANSLATE_NOOP(
    "engine", "could not reach {provider}'s token endpoint ({said}); nothing was saved: check the network and start "
              "again")
NO_REFRESH_TOKEN = QT_TRANSLATE_NOOP(
    "engine", "the {provider} access expired and this connection has no refresh token; reconnect the account")
REFRESH_GAVE_UP = QT_TRANSLATE_NOOP(
    "engine", "{reason} (gave up after {n} attempts); this sync stops, and the next one tries again")
SIGN_IN_REFUSED = QT_TRANSLATE_NOOP(
    "engine", "this connection's sign-in is no longer accepted by {provider} ({said}); reconnect the account")
REFRESH_UNREACHABLE = QT_TRANSLATE_NOOP(
    "engine", "could not reach {provider}'s token endpoint to renew access ({said})")
NOT_A_TOKEN = QT_TRANSLATE_NOOP("engine", "the {provider} token endpoint sent an answer that is not a token ({said})")

# -- the browser sign-in (auth/flow.py) ---------------------------------------------------------------------------
NEEDS_CLIENT_ID = QT_TRANSLATE_NOOP("engine", "{provider} sign-in needs the app's client id (--client-id)")
NEEDS_CLIENT_SECRET = QT_TRANSLATE_NOOP(
    "engine", "{provider} sign-in needs the app's client secret: pass --client-secret-stdin (see "
              "docs/registering-apps.md)")
CANNOT_LISTEN = QT_TRANSLATE_NOOP(
    "engine", "cannot listen on 127.0.0.1:{port} for the sign-in answer ({said}); close what uses that port, or "
              "choose another")
CATCHER_STOPPED = QT_TRANSLATE_NOOP("engine", "the sign-in catcher stopped before it started")
STATE_MISMATCH = QT_TRANSLATE_NOOP(
    "engine", "the answer from the {provider} sign-in page did not carry the state Lumio sent (a forged request, or "
              "an old browser tab); nothing was saved: start the connection again")
NOT_APPROVED = QT_TRANSLATE_NOOP("engine", "{provider} sign-in was not approved ({said}); nothing was saved")
SHOPIFY_BAD_HMAC = QT_TRANSLATE_NOOP(
    "engine", "the Shopify answer's HMAC signature is wrong (not signed with this app's secret); nothing was saved: "
              "start again")
SHOPIFY_OTHER_SHOP = QT_TRANSLATE_NOOP(
    "engine", "Shopify answered for shop {said}, not {shop}; nothing was saved: start again")
SHOPIFY_TOO_OLD = QT_TRANSLATE_NOOP(
    "engine", "the Shopify answer is more than 24 hours old; nothing was saved: start again")
NO_CODE = QT_TRANSLATE_NOOP("engine", "the {provider} sign-in page answered without a code; nothing was saved")
SIGN_IN_FAILED = QT_TRANSLATE_NOOP("engine", "the {provider} sign-in failed ({said}); nothing was saved")
NO_ANSWER = QT_TRANSLATE_NOOP(
    "engine", "no answer from the {provider} sign-in page within {seconds} s; nothing was saved: start again")
NO_INSTANCE_URL = QT_TRANSLATE_NOOP("engine", "Salesforce's token response named no instance_url; nothing was saved")
CANCELLED = QT_TRANSLATE_NOOP("engine", "sign-in was cancelled; nothing was saved")

# -- access during a sync (auth/session.py) -----------------------------------------------------------------------
NO_CREDENTIALS = QT_TRANSLATE_NOOP(
    "engine", "no {provider} credentials are stored for this connection (the keychain was reset, or this run has no "
              "keychain); reconnect the account")
TOKEN_REJECTED_STATIC = QT_TRANSLATE_NOOP(
    "engine", "the {provider} API rejected the access token ({said}); reconnect the account with a new token (Reconnect "
              "in the app, or lumio-sync connect with --token-stdin --reconnect)")
TOKEN_REJECTED = QT_TRANSLATE_NOOP(
    "engine", "the {provider} API rejected the access token ({said}); reconnect the account")
FRESH_TOKEN_REJECTED = QT_TRANSLATE_NOOP(
    "engine", "the {provider} API rejected a token it had just issued ({said}); reconnect the account")
NOT_RENEWABLE = QT_TRANSLATE_NOOP(
    "engine", "the {provider} access cannot be renewed for this connection; reconnect the account")

# -- the keychain (auth/vault.py) ---------------------------------------------------------------------------------
NO_KEYCHAIN = QT_TRANSLATE_NOOP("engine", "no OS keychain found: tokens will be kept in memory for this run only")
KEYCHAIN_REFUSED = {  # what was asked -> its sentence
    "read": QT_TRANSLATE_NOOP(
        "engine", "the OS keychain refused to read the credentials of connection {connection} ({said}); unlock the "
                  "keychain and try again"),
    "save": QT_TRANSLATE_NOOP(
        "engine", "the OS keychain refused to save the credentials of connection {connection} ({said}); unlock the "
                  "keychain and try again"),
    "delete": QT_TRANSLATE_NOOP(
        "engine", "the OS keychain refused to delete the credentials of connection {connection} ({said}); unlock "
                  "the keychain and try again"),
}
KEYCHAIN_UNREADABLE = QT_TRANSLATE_NOOP(
    "engine", "the keychain item of connection {connection} is not readable by this version of Lumio; reconnect the "
              "account")
BAD_KEYRING_SETTING = QT_TRANSLATE_NOOP(
    "engine", "invalid setting keyring_backend={name}: cannot load it ({said}); install the package that provides "
              "it, or remove the setting to use the OS keychain")

# -- connections (auth/connections.py, auth/providers.py) ---------------------------------------------------------
NO_CONNECTION = QT_TRANSLATE_NOOP("engine", "no connection named {name} (connections: {names})")
NO_CONNECTION_YET = QT_TRANSLATE_NOOP("engine", "no connection named {name} (there are no connections yet)")
NAME_TAKEN_RECONNECT = QT_TRANSLATE_NOOP(
    "engine", "a connection named {name} already exists; choose another --name, or reconnect it with --reconnect")
NAME_TAKEN = QT_TRANSLATE_NOOP("engine", "a connection named {name} already exists; choose another --name")
TOKEN_EMPTY = QT_TRANSLATE_NOOP("engine", "the {provider} token is empty; paste it again")
TOKEN_SPACES = QT_TRANSLATE_NOOP("engine", "the {provider} token contains spaces or line breaks; paste only the token")
SHOPIFY_NEEDS_SHOP = QT_TRANSLATE_NOOP(
    "engine", "a Shopify token belongs to one shop: pass --shop acme (or acme.myshopify.com)")
SALESFORCE_NEEDS_URL = QT_TRANSLATE_NOOP(
    "engine", "a Salesforce access token works only with its org's instance URL: pass --base-url "
              "https://yourorg.my.salesforce.com")
TOKEN_EMPTY_OR_SPACES = QT_TRANSLATE_NOOP("engine", "the token is empty or contains spaces; paste only the token")
SIGNS_IN_THROUGH = QT_TRANSLATE_NOOP(
    "engine", "connection {name} signs in through {provider}: reconnect it with --oauth")
OTHER_PROVIDER = QT_TRANSLATE_NOOP("engine", "connection {name} is a {provider} connection, not {other}")
NOT_A_URL = QT_TRANSLATE_NOOP(
    "engine", "{url} is not an http(s) URL; give the full address, e.g. https://api.hubapi.com")
NOT_A_SHOP = QT_TRANSLATE_NOOP(
    "engine", "{shop} is not a Shopify shop domain; give the shop's name (acme) or its myshopify.com domain "
              "(acme.myshopify.com)")
SHOPIFY_NEEDS_SHOP_FLOW = QT_TRANSLATE_NOOP("engine", "Shopify needs the shop: pass --shop acme (or acme.myshopify.com)")
UNKNOWN_PROVIDER = QT_TRANSLATE_NOOP("engine", "unknown provider {provider}; choose one of: {choices}")
