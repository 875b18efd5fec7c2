"""ApiError carries a provider's documented error body; each provider module has helpers that build them."""

from __future__ import annotations

import uuid
from typing import Any


class ApiError(Exception):
    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None):
        super().__init__(f"{status}: {body!r}"[:200])
        self.status = status
        self.body = body
        self.headers = headers or {}


def correlation_id() -> str:
    return str(uuid.uuid4())


# -- HubSpot (CONTRACTS §1.6): Error schema {category, correlationId, message} plus "status":"error" ----------
def hubspot_error(status: int, category: str, message: str, *, context: dict | None = None,
                  errors: list | None = None, sub_category: str | None = None,
                  headers: dict | None = None) -> ApiError:
    body: dict[str, Any] = {"status": "error", "message": message, "correlationId": correlation_id(),
                            "category": category}
    if context:
        body["context"] = context
    if errors:
        body["errors"] = errors
    if sub_category:
        body["subCategory"] = sub_category
    return ApiError(status, body, headers)


def hubspot_validation(message: str, **kw) -> ApiError:
    return hubspot_error(400, "VALIDATION_ERROR", message, **kw)


def hubspot_not_found(message: str = "resource not found") -> ApiError:
    return hubspot_error(404, "OBJECT_NOT_FOUND", message)


def hubspot_oauth_error(status: int, error: str, description: str, legacy_status: str) -> ApiError:
    """OAuth errors: RFC 6749 fields plus HubSpot's legacy status/message (changelog "Standardized Error
    Responses"); category and correlationId as well, because the specs' Error schema requires them."""
    return ApiError(status, {"error": error, "error_description": description, "status": legacy_status,
                             "message": description, "correlationId": correlation_id(),
                             "category": "VALIDATION_ERROR" if status == 400 else "INVALID_AUTHENTICATION"})


# -- Salesforce (§2.9): a JSON array of {message, errorCode, fields?} -------------------------------------------
def sf_error(status: int, code: str, message: str, fields: list[str] | None = None,
             headers: dict | None = None) -> ApiError:
    item: dict[str, Any] = {"message": message, "errorCode": code}
    if fields is not None:
        item["fields"] = fields
    return ApiError(status, [item], headers)


def sf_oauth_error(error: str, description: str, status: int = 400) -> ApiError:
    return ApiError(status, {"error": error, "error_description": description})


# -- Shopify (§3.6): {"errors": ...} ----------------------------------------------------------------------------
def shopify_error(status: int, errors: Any, headers: dict | None = None) -> ApiError:
    return ApiError(status, {"errors": errors}, headers)
