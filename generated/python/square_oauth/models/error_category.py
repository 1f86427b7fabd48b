"""The ErrorCategory enum."""

from enum import StrEnum


class ErrorCategory(StrEnum):
    """The broad category of an error that occurred during a request to the Connect API.

    The API may add values: fields of this type also accept values not listed here.
    """

    API_ERROR = "API_ERROR"
    """Something went wrong in the Connect API itself."""
    AUTHENTICATION_ERROR = "AUTHENTICATION_ERROR"
    """Authentication failed, usually because the `Authorization` header was missing, malformed or otherwise invalid."""
    INVALID_REQUEST_ERROR = "INVALID_REQUEST_ERROR"
    """The request was not valid, usually because a required parameter was missing or a parameter had a bad value."""
    RATE_LIMIT_ERROR = "RATE_LIMIT_ERROR"
    """The application hit the Square API rate limit by sending too many requests in a short time.

    Watch for `429 RATE_LIMITED` responses and retry with [exponential backoff](https://en.wikipedia.org/wiki/Exponential_backoff), ideally with random jitter."""
    PAYMENT_METHOD_ERROR = "PAYMENT_METHOD_ERROR"
    """Processing a payment method failed, usually because its details (such as a card's CVV or expiration date) were invalid."""
    REFUND_ERROR = "REFUND_ERROR"
    """Processing a refund failed."""
    MERCHANT_SUBSCRIPTION_ERROR = "MERCHANT_SUBSCRIPTION_ERROR"
    """Checking the status of a merchant subscription failed."""
    EXTERNAL_VENDOR_ERROR = "EXTERNAL_VENDOR_ERROR"
    """An external vendor returned an error."""
