namespace Square.OAuth.Models
{
    /// <summary>
    /// The broad category of an error that occurred during a request to the Connect API.
    /// </summary>
    /// <remarks>
    /// Fields of this type are <c>string</c>: a server may send a value this SDK does
    /// not list yet, and it is kept as it came.
    /// </remarks>
    public static class ErrorCategory
    {
        /// <summary>
        /// Something went wrong in the Connect API itself.
        /// </summary>
        public const string ApiError = "API_ERROR";

        /// <summary>
        /// Authentication failed, usually because the `Authorization` header was missing, malformed or otherwise invalid.
        /// </summary>
        public const string AuthenticationError = "AUTHENTICATION_ERROR";

        /// <summary>
        /// The request was not valid, usually because a required parameter was missing or a parameter had a bad value.
        /// </summary>
        public const string InvalidRequestError = "INVALID_REQUEST_ERROR";

        /// <summary>
        /// The application hit the Square API rate limit by sending too many requests in a short time.
        /// </summary>
        /// <remarks>
        /// Watch for `429 RATE_LIMITED` responses and retry with [exponential backoff](https://en.wikipedia.org/wiki/Exponential_backoff), ideally with random jitter.
        /// </remarks>
        public const string RateLimitError = "RATE_LIMIT_ERROR";

        /// <summary>
        /// Processing a payment method failed, usually because its details (such as a card's CVV or expiration date) were invalid.
        /// </summary>
        public const string PaymentMethodError = "PAYMENT_METHOD_ERROR";

        /// <summary>
        /// Processing a refund failed.
        /// </summary>
        public const string RefundError = "REFUND_ERROR";

        /// <summary>
        /// Checking the status of a merchant subscription failed.
        /// </summary>
        public const string MerchantSubscriptionError = "MERCHANT_SUBSCRIPTION_ERROR";

        /// <summary>
        /// An external vendor returned an error.
        /// </summary>
        public const string ExternalVendorError = "EXTERNAL_VENDOR_ERROR";
    }
}
