namespace Square.OAuth.Models
{
    /// <summary>
    /// The specific error that occurred during a request to a Square API.
    /// </summary>
    /// <remarks>
    /// Fields of this type are <c>string</c>: a server may send a value this SDK does
    /// not list yet, and it is kept as it came.
    /// </remarks>
    public static class ErrorCode
    {
        /// <summary>
        /// A generic error on the server side.
        /// </summary>
        public const string InternalServerError = "INTERNAL_SERVER_ERROR";

        /// <summary>
        /// A generic authorization failure.
        /// </summary>
        public const string Unauthorized = "UNAUTHORIZED";

        /// <summary>
        /// The access token sent has expired.
        /// </summary>
        public const string AccessTokenExpired = "ACCESS_TOKEN_EXPIRED";

        /// <summary>
        /// The access token sent has been revoked.
        /// </summary>
        public const string AccessTokenRevoked = "ACCESS_TOKEN_REVOKED";

        /// <summary>
        /// The client sent has been disabled.
        /// </summary>
        public const string ClientDisabled = "CLIENT_DISABLED";

        /// <summary>
        /// A generic access failure.
        /// </summary>
        public const string Forbidden = "FORBIDDEN";

        /// <summary>
        /// The access token lacks the permission the requested action needs.
        /// </summary>
        public const string InsufficientScopes = "INSUFFICIENT_SCOPES";

        /// <summary>
        /// The calling application has been disabled.
        /// </summary>
        public const string ApplicationDisabled = "APPLICATION_DISABLED";

        /// <summary>
        /// The calling application dates from before 2016-03-30 and cannot make v2 Square API calls.
        /// </summary>
        public const string V1Application = "V1_APPLICATION";

        /// <summary>
        /// The access token used dates from before 2016-03-30 and cannot be used for v2 Square API calls.
        /// </summary>
        public const string V1AccessToken = "V1_ACCESS_TOKEN";

        /// <summary>
        /// The location given in the call cannot process credit cards.
        /// </summary>
        public const string CardProcessingNotEnabled = "CARD_PROCESSING_NOT_ENABLED";

        /// <summary>
        /// The merchant lacks a subscription that the call requires.
        /// </summary>
        public const string MerchantSubscriptionNotFound = "MERCHANT_SUBSCRIPTION_NOT_FOUND";

        /// <summary>
        /// A generic problem with the request.
        /// </summary>
        public const string BadRequest = "BAD_REQUEST";

        /// <summary>
        /// A required path, query or body parameter is missing.
        /// </summary>
        public const string MissingRequiredParameter = "MISSING_REQUIRED_PARAMETER";

        /// <summary>
        /// A value has the wrong type (a string where an integer is expected, say).
        /// </summary>
        public const string IncorrectType = "INCORRECT_TYPE";

        /// <summary>
        /// A time value is badly formatted.
        /// </summary>
        public const string InvalidTime = "INVALID_TIME";

        /// <summary>
        /// A time range is not valid (its end comes before its start, say).
        /// </summary>
        public const string InvalidTimeRange = "INVALID_TIME_RANGE";

        /// <summary>
        /// A value is not valid (a `%` inside a phone number, say).
        /// </summary>
        public const string InvalidValue = "INVALID_VALUE";

        /// <summary>
        /// The pagination cursor is not valid.
        /// </summary>
        public const string InvalidCursor = "INVALID_CURSOR";

        /// <summary>
        /// A query parameter is not accepted by this endpoint.
        /// </summary>
        public const string UnknownQueryParameter = "UNKNOWN_QUERY_PARAMETER";

        /// <summary>
        /// Some of the request parameters contradict each other.
        /// </summary>
        public const string ConflictingParameters = "CONFLICTING_PARAMETERS";

        /// <summary>
        /// The request body is not a JSON object.
        /// </summary>
        public const string ExpectedJsonBody = "EXPECTED_JSON_BODY";

        /// <summary>
        /// The sort order is not a valid key; it must be `ASC` or `DESC`.
        /// </summary>
        public const string InvalidSortOrder = "INVALID_SORT_ORDER";

        /// <summary>
        /// A value does not match the regular expression it must match.
        /// </summary>
        public const string ValueRegexMismatch = "VALUE_REGEX_MISMATCH";

        /// <summary>
        /// A string is shorter than the minimum length.
        /// </summary>
        public const string ValueTooShort = "VALUE_TOO_SHORT";

        /// <summary>
        /// A string is longer than the maximum length.
        /// </summary>
        public const string ValueTooLong = "VALUE_TOO_LONG";

        /// <summary>
        /// A value is below the supported minimum.
        /// </summary>
        public const string ValueTooLow = "VALUE_TOO_LOW";

        /// <summary>
        /// A value is above the supported maximum.
        /// </summary>
        public const string ValueTooHigh = "VALUE_TOO_HIGH";

        /// <summary>
        /// A value is empty (a blank string, for instance).
        /// </summary>
        public const string ValueEmpty = "VALUE_EMPTY";

        /// <summary>
        /// An array has more elements than allowed.
        /// </summary>
        public const string ArrayLengthTooLong = "ARRAY_LENGTH_TOO_LONG";

        /// <summary>
        /// An array has fewer elements than required.
        /// </summary>
        public const string ArrayLengthTooShort = "ARRAY_LENGTH_TOO_SHORT";

        /// <summary>
        /// An array is empty.
        /// </summary>
        public const string ArrayEmpty = "ARRAY_EMPTY";

        /// <summary>
        /// A boolean was expected.
        /// </summary>
        public const string ExpectedBoolean = "EXPECTED_BOOLEAN";

        /// <summary>
        /// An integer was expected.
        /// </summary>
        public const string ExpectedInteger = "EXPECTED_INTEGER";

        /// <summary>
        /// A floating-point number was expected.
        /// </summary>
        public const string ExpectedFloat = "EXPECTED_FLOAT";

        /// <summary>
        /// A string was expected.
        /// </summary>
        public const string ExpectedString = "EXPECTED_STRING";

        /// <summary>
        /// A JSON object was expected.
        /// </summary>
        public const string ExpectedObject = "EXPECTED_OBJECT";

        /// <summary>
        /// An array (list) was expected.
        /// </summary>
        public const string ExpectedArray = "EXPECTED_ARRAY";

        /// <summary>
        /// A map (associative array) was expected.
        /// </summary>
        public const string ExpectedMap = "EXPECTED_MAP";

        /// <summary>
        /// A base64-encoded byte array was expected.
        /// </summary>
        public const string ExpectedBase64EncodedByteArray = "EXPECTED_BASE64_ENCODED_BYTE_ARRAY";

        /// <summary>
        /// Some elements of an array do not have the array's type.
        /// </summary>
        public const string InvalidArrayValue = "INVALID_ARRAY_VALUE";

        /// <summary>
        /// A value is not one of the allowed constants for its field.
        /// </summary>
        public const string InvalidEnumValue = "INVALID_ENUM_VALUE";

        /// <summary>
        /// The `Content-Type` header is not valid.
        /// </summary>
        public const string InvalidContentType = "INVALID_CONTENT_TYPE";

        /// <summary>
        /// Form values could not be parsed (applies only to applications created before 2016-03-30).
        /// </summary>
        public const string InvalidFormValue = "INVALID_FORM_VALUE";

        /// <summary>
        /// The customer ID is not in the merchant's customer list.
        /// </summary>
        public const string CustomerNotFound = "CUSTOMER_NOT_FOUND";

        /// <summary>
        /// A generic error.
        /// </summary>
        public const string OneInstrumentExpected = "ONE_INSTRUMENT_EXPECTED";

        /// <summary>
        /// A generic error.
        /// </summary>
        public const string NoFieldsSet = "NO_FIELDS_SET";

        /// <summary>
        /// A map field has too many entries.
        /// </summary>
        public const string TooManyMapEntries = "TOO_MANY_MAP_ENTRIES";

        /// <summary>
        /// A key in a map is too short.
        /// </summary>
        public const string MapKeyLengthTooShort = "MAP_KEY_LENGTH_TOO_SHORT";

        /// <summary>
        /// A key in a map is too long.
        /// </summary>
        public const string MapKeyLengthTooLong = "MAP_KEY_LENGTH_TOO_LONG";

        /// <summary>
        /// The customer has no name on record.
        /// </summary>
        public const string CustomerMissingName = "CUSTOMER_MISSING_NAME";

        /// <summary>
        /// The customer has no email address on record.
        /// </summary>
        public const string CustomerMissingEmail = "CUSTOMER_MISSING_EMAIL";

        /// <summary>
        /// A subscription cannot be paused for longer than its current phase lasts.
        /// </summary>
        public const string InvalidPauseLength = "INVALID_PAUSE_LENGTH";

        /// <summary>
        /// A subscription cannot be paused or resumed on the given date.
        /// </summary>
        public const string InvalidDate = "INVALID_DATE";

        /// <summary>
        /// The issuer declined because the card has expired.
        /// </summary>
        public const string CardExpired = "CARD_EXPIRED";

        /// <summary>
        /// The card's expiration date is not valid (it is in the past, say).
        /// </summary>
        public const string InvalidExpiration = "INVALID_EXPIRATION";

        /// <summary>
        /// The card's expiration year is not valid (it is in the past or has bad characters, say).
        /// </summary>
        public const string InvalidExpirationYear = "INVALID_EXPIRATION_YEAR";

        /// <summary>
        /// The card's expiration date is not valid (it has bad characters, say).
        /// </summary>
        public const string InvalidExpirationDate = "INVALID_EXPIRATION_DATE";

        /// <summary>
        /// The card's issuer is not supported.
        /// </summary>
        public const string UnsupportedCardBrand = "UNSUPPORTED_CARD_BRAND";

        /// <summary>
        /// The way the card was entered (swipe, dip or tap) is not supported.
        /// </summary>
        public const string UnsupportedEntryMethod = "UNSUPPORTED_ENTRY_METHOD";

        /// <summary>
        /// The encrypted card data is not valid.
        /// </summary>
        public const string InvalidEncryptedCard = "INVALID_ENCRYPTED_CARD";

        /// <summary>
        /// The card could not be validated from the details given.
        /// </summary>
        public const string InvalidCard = "INVALID_CARD";

        /// <summary>
        /// Square got a decline with no further information.
        /// </summary>
        /// <remarks>
        /// If the payment details look right, the buyer can ask their issuer why.
        /// </remarks>
        public const string GenericDecline = "GENERIC_DECLINE";

        /// <summary>
        /// The issuer declined because the CVV is not valid.
        /// </summary>
        public const string CvvFailure = "CVV_FAILURE";

        /// <summary>
        /// The issuer declined because the postal code is not valid.
        /// </summary>
        public const string AddressVerificationFailure = "ADDRESS_VERIFICATION_FAILURE";

        /// <summary>
        /// The issuer could not find the account.
        /// </summary>
        public const string InvalidAccount = "INVALID_ACCOUNT";

        /// <summary>
        /// The payment's currency cannot be used with this funding source (a gift card funded in USD cannot pay in GBP, say).
        /// </summary>
        public const string CurrencyMismatch = "CURRENCY_MISMATCH";

        /// <summary>
        /// The funding source does not hold enough money for the payment.
        /// </summary>
        public const string InsufficientFunds = "INSUFFICIENT_FUNDS";

        /// <summary>
        /// The Square account may not accept this payment (Square may limit which merchants can take gift card payments, say).
        /// </summary>
        public const string InsufficientPermissions = "INSUFFICIENT_PERMISSIONS";

        /// <summary>
        /// The issuer declined because of limits on where the card can be used (a gift card valid at a single merchant, say).
        /// </summary>
        public const string CardholderInsufficientPermissions = "CARDHOLDER_INSUFFICIENT_PERMISSIONS";

        /// <summary>
        /// The Square account cannot take payments in this region; an account takes payments only in the region where it was created.
        /// </summary>
        public const string InvalidLocation = "INVALID_LOCATION";

        /// <summary>
        /// The issuer judged the amount too high or too low, most often on a credit card at its limit, sometimes on a debit or prepaid card lacking funds.
        /// </summary>
        public const string TransactionLimit = "TRANSACTION_LIMIT";

        /// <summary>
        /// The issuer declined because it needs voice authorization from the cardholder.
        /// </summary>
        public const string VoiceFailure = "VOICE_FAILURE";

        /// <summary>
        /// The card number is not valid (wrong length or format, say).
        /// </summary>
        public const string PanFailure = "PAN_FAILURE";

        /// <summary>
        /// The card's expiration date is not valid or shows that the card has expired.
        /// </summary>
        public const string ExpirationFailure = "EXPIRATION_FAILURE";

        /// <summary>
        /// The card is not supported in this region or for this [merchant category code](https://developer.squareup.com/docs/locations-api#initialize-a-merchant-category-code) (MCC).
        /// </summary>
        public const string CardNotSupported = "CARD_NOT_SUPPORTED";

        /// <summary>
        /// The issuer declined because the PIN is not valid.
        /// </summary>
        public const string InvalidPin = "INVALID_PIN";

        /// <summary>
        /// The payment lacks a PIN it requires.
        /// </summary>
        public const string MissingPin = "MISSING_PIN";

        /// <summary>
        /// The payment lacks a required ACCOUNT_TYPE parameter.
        /// </summary>
        public const string MissingAccountType = "MISSING_ACCOUNT_TYPE";

        /// <summary>
        /// The postal code is badly formatted.
        /// </summary>
        public const string InvalidPostalCode = "INVALID_POSTAL_CODE";

        /// <summary>
        /// The payment's `app_fee_money` is too high.
        /// </summary>
        public const string InvalidFees = "INVALID_FEES";

        /// <summary>
        /// The card has to be swiped, tapped or dipped; payments with a typed-in card number are declined.
        /// </summary>
        public const string ManuallyEnteredPaymentNotSupported = "MANUALLY_ENTERED_PAYMENT_NOT_SUPPORTED";

        /// <summary>
        /// Square declined because the amount is over this merchant's processing limit.
        /// </summary>
        public const string PaymentLimitExceeded = "PAYMENT_LIMIT_EXCEEDED";

        /// <summary>
        /// A partial payment from a gift card (`accept_partial_authorization`) was declined because the request also set `tip_money`, `app_fee_money` or both.
        /// </summary>
        /// <remarks>
        /// See [CreatePayment errors (additional information)](https://developer.squareup.com/docs/payments-api/error-codes#createpayment-errors-additional-information).
        /// </remarks>
        public const string GiftCardAvailableAmount = "GIFT_CARD_AVAILABLE_AMOUNT";

        /// <summary>
        /// The account given cannot be used for transactions.
        /// </summary>
        public const string AccountUnusable = "ACCOUNT_UNUSABLE";

        /// <summary>
        /// The bank account was rejected or not authorized for the payment.
        /// </summary>
        public const string BuyerRefusedPayment = "BUYER_REFUSED_PAYMENT";

        /// <summary>
        /// The application tried to update a delayed-capture payment that has expired.
        /// </summary>
        public const string DelayedTransactionExpired = "DELAYED_TRANSACTION_EXPIRED";

        /// <summary>
        /// The application tried to cancel a delayed-capture payment that was already canceled.
        /// </summary>
        public const string DelayedTransactionCanceled = "DELAYED_TRANSACTION_CANCELED";

        /// <summary>
        /// The application tried to capture a delayed-capture payment that was already captured.
        /// </summary>
        public const string DelayedTransactionCaptured = "DELAYED_TRANSACTION_CAPTURED";

        /// <summary>
        /// The application tried to update a delayed-capture payment that failed.
        /// </summary>
        public const string DelayedTransactionFailed = "DELAYED_TRANSACTION_FAILED";

        /// <summary>
        /// The card token (nonce) has expired.
        /// </summary>
        public const string CardTokenExpired = "CARD_TOKEN_EXPIRED";

        /// <summary>
        /// The card token (nonce) has already been used for a payment.
        /// </summary>
        public const string CardTokenUsed = "CARD_TOKEN_USED";

        /// <summary>
        /// The amount is too high for this payment source.
        /// </summary>
        public const string AmountTooHigh = "AMOUNT_TOO_HIGH";

        /// <summary>
        /// The request names an instrument type that is not supported.
        /// </summary>
        public const string UnsupportedInstrumentType = "UNSUPPORTED_INSTRUMENT_TYPE";

        /// <summary>
        /// The refund is larger than the amount still available to refund.
        /// </summary>
        public const string RefundAmountInvalid = "REFUND_AMOUNT_INVALID";

        /// <summary>
        /// A refund of this payment is already pending.
        /// </summary>
        public const string RefundAlreadyPending = "REFUND_ALREADY_PENDING";

        /// <summary>
        /// The payment cannot be refunded (for instance, an earlier refund was rejected and no further refunds are accepted).
        /// </summary>
        public const string PaymentNotRefundable = "PAYMENT_NOT_REFUNDABLE";

        /// <summary>
        /// The card issuer declined the refund.
        /// </summary>
        public const string RefundDeclined = "REFUND_DECLINED";

        /// <summary>
        /// The card data is not valid.
        /// </summary>
        public const string InvalidCardData = "INVALID_CARD_DATA";

        /// <summary>
        /// The source ID has already been used to create a card.
        /// </summary>
        public const string SourceUsed = "SOURCE_USED";

        /// <summary>
        /// The source ID has expired.
        /// </summary>
        public const string SourceExpired = "SOURCE_EXPIRED";

        /// <summary>
        /// The loyalty reward tier is not supported, for example because it was created in a first-party application in a way the Loyalty API cannot handle.
        /// </summary>
        public const string UnsupportedLoyaltyRewardTier = "UNSUPPORTED_LOYALTY_REWARD_TIER";

        /// <summary>
        /// The location does not match the one expected.
        /// </summary>
        public const string LocationMismatch = "LOCATION_MISMATCH";

        /// <summary>
        /// The idempotency key has been used before.
        /// </summary>
        public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";

        /// <summary>
        /// A value was not what was expected.
        /// </summary>
        public const string UnexpectedValue = "UNEXPECTED_VALUE";

        /// <summary>
        /// The sandbox does not support this request.
        /// </summary>
        public const string SandboxNotSupported = "SANDBOX_NOT_SUPPORTED";

        /// <summary>
        /// The email address is not valid.
        /// </summary>
        public const string InvalidEmailAddress = "INVALID_EMAIL_ADDRESS";

        /// <summary>
        /// The phone number is not valid.
        /// </summary>
        public const string InvalidPhoneNumber = "INVALID_PHONE_NUMBER";

        /// <summary>
        /// The checkout URL has expired.
        /// </summary>
        public const string CheckoutExpired = "CHECKOUT_EXPIRED";

        /// <summary>
        /// The certificate is bad.
        /// </summary>
        public const string BadCertificate = "BAD_CERTIFICATE";

        /// <summary>
        /// The `Square-Version` value is badly formatted.
        /// </summary>
        public const string InvalidSquareVersionFormat = "INVALID_SQUARE_VERSION_FORMAT";

        /// <summary>
        /// The `Square-Version` value does not support the requested action.
        /// </summary>
        public const string ApiVersionIncompatible = "API_VERSION_INCOMPATIBLE";

        /// <summary>
        /// The card was declined.
        /// </summary>
        public const string CardDeclined = "CARD_DECLINED";

        /// <summary>
        /// The CVV could not be verified.
        /// </summary>
        public const string VerifyCvvFailure = "VERIFY_CVV_FAILURE";

        /// <summary>
        /// The address (AVS) could not be verified.
        /// </summary>
        public const string VerifyAvsFailure = "VERIFY_AVS_FAILURE";

        /// <summary>
        /// The card was declined and the cardholder is asked to call the issuer.
        /// </summary>
        public const string CardDeclinedCallIssuer = "CARD_DECLINED_CALL_ISSUER";

        /// <summary>
        /// The card was declined pending further verification.
        /// </summary>
        public const string CardDeclinedVerificationRequired = "CARD_DECLINED_VERIFICATION_REQUIRED";

        /// <summary>
        /// The card's expiration date is missing or badly formatted.
        /// </summary>
        public const string BadExpiration = "BAD_EXPIRATION";

        /// <summary>
        /// The issuer requires the card to be read by a chip reader.
        /// </summary>
        public const string ChipInsertionRequired = "CHIP_INSERTION_REQUIRED";

        /// <summary>
        /// The card has used up the PIN attempts its issuer allows; the cardholder usually has to contact the issuer.
        /// </summary>
        public const string AllowablePinTriesExceeded = "ALLOWABLE_PIN_TRIES_EXCEEDED";

        /// <summary>
        /// The card issuer declined the refund.
        /// </summary>
        public const string ReservationDeclined = "RESERVATION_DECLINED";

        /// <summary>
        /// A body parameter is not recognized by this endpoint.
        /// </summary>
        public const string UnknownBodyParameter = "UNKNOWN_BODY_PARAMETER";

        /// <summary>
        /// Generic "Not Found" error.
        /// </summary>
        public const string NotFound = "NOT_FOUND";

        /// <summary>
        /// Square could not find the Apple Pay certificate involved.
        /// </summary>
        public const string ApplePaymentProcessingCertificateHashNotFound = "APPLE_PAYMENT_PROCESSING_CERTIFICATE_HASH_NOT_FOUND";

        /// <summary>
        /// Generic "Method Not Allowed" error.
        /// </summary>
        public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

        /// <summary>
        /// Generic "Not Acceptable" error.
        /// </summary>
        public const string NotAcceptable = "NOT_ACCEPTABLE";

        /// <summary>
        /// Generic "Request Timeout" error.
        /// </summary>
        public const string RequestTimeout = "REQUEST_TIMEOUT";

        /// <summary>
        /// Generic "Conflict" error.
        /// </summary>
        public const string Conflict = "CONFLICT";

        /// <summary>
        /// The target resource is no longer there, most likely for good.
        /// </summary>
        public const string Gone = "GONE";

        /// <summary>
        /// Generic "Request Entity Too Large" error.
        /// </summary>
        public const string RequestEntityTooLarge = "REQUEST_ENTITY_TOO_LARGE";

        /// <summary>
        /// Generic "Unsupported Media Type" error.
        /// </summary>
        public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";

        /// <summary>
        /// Generic "Unprocessable Entity" error.
        /// </summary>
        public const string UnprocessableEntity = "UNPROCESSABLE_ENTITY";

        /// <summary>
        /// Generic "Rate Limited" error.
        /// </summary>
        public const string RateLimited = "RATE_LIMITED";

        /// <summary>
        /// Generic "Not Implemented" error.
        /// </summary>
        public const string NotImplemented = "NOT_IMPLEMENTED";

        /// <summary>
        /// Generic "Bad Gateway" error.
        /// </summary>
        public const string BadGateway = "BAD_GATEWAY";

        /// <summary>
        /// Generic "Service Unavailable" error.
        /// </summary>
        public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";

        /// <summary>
        /// A passing internal error; the call can safely be retried with the same idempotency key.
        /// </summary>
        public const string TemporaryError = "TEMPORARY_ERROR";

        /// <summary>
        /// Generic "Gateway Timeout" error.
        /// </summary>
        public const string GatewayTimeout = "GATEWAY_TIMEOUT";

        /// <summary>
        /// The request names a country that is not supported.
        /// </summary>
        public const string UnsupportedCountry = "UNSUPPORTED_COUNTRY";

        /// <summary>
        /// The request names a currency that is not supported.
        /// </summary>
        public const string UnsupportedCurrency = "UNSUPPORTED_CURRENCY";

        /// <summary>
        /// During an Apple Tap to Pay transaction the issuer declined and asked for the card's PIN.
        /// </summary>
        /// <remarks>
        /// Comes as a supplemental error next to `CARD_DECLINED_VERIFICATION_REQUIRED`, carrying an issuer token in its details that starts PIN collection on the iOS device.
        /// </remarks>
        public const string AppleTtpPinToken = "APPLE_TTP_PIN_TOKEN";

        /// <summary>
        /// The amount given differs from the amount Square expected.
        /// </summary>
        public const string PaymentAmountMismatch = "PAYMENT_AMOUNT_MISMATCH";

        /// <summary>
        /// The Square Card Reader declined the payment for an unknown reason.
        /// </summary>
        public const string ReaderDeclined = "READER_DECLINED";

        /// <summary>
        /// The payment cannot be refunded because it is disputed.
        /// </summary>
        public const string PaymentNotRefundableDueToDispute = "PAYMENT_NOT_REFUNDABLE_DUE_TO_DISPUTE";

        /// <summary>
        /// The payment is approved but must be completed before it can be refunded.
        /// </summary>
        public const string RefundErrorPaymentNeedsCompletion = "REFUND_ERROR_PAYMENT_NEEDS_COMPLETION";

        /// <summary>
        /// The Square account may not process this refund.
        /// </summary>
        public const string InsufficientPermissionsForRefund = "INSUFFICIENT_PERMISSIONS_FOR_REFUND";

        /// <summary>
        /// The order has not been paid yet, so it cannot be returned.
        /// </summary>
        public const string OrderUnpaidNotReturnable = "ORDER_UNPAID_NOT_RETURNABLE";

        /// <summary>
        /// The transaction needs the card to be present.
        /// </summary>
        public const string CardPresenceRequired = "CARD_PRESENCE_REQUIRED";

        /// <summary>
        /// The request names a source type that is not supported.
        /// </summary>
        public const string UnsupportedSourceType = "UNSUPPORTED_SOURCE_TYPE";

        /// <summary>
        /// The card does not match the one expected.
        /// </summary>
        public const string CardMismatch = "CARD_MISMATCH";

        /// <summary>
        /// A generic error from Plaid.
        /// </summary>
        public const string PlaidError = "PLAID_ERROR";

        /// <summary>
        /// Plaid reported ITEM_LOGIN_REQUIRED.
        /// </summary>
        public const string PlaidErrorItemLoginRequired = "PLAID_ERROR_ITEM_LOGIN_REQUIRED";

        /// <summary>
        /// Plaid reported RATE_LIMIT.
        /// </summary>
        public const string PlaidErrorRateLimit = "PLAID_ERROR_RATE_LIMIT";
    }
}
