namespace SdkforgeRuntime
{
    using System;
    using System.Collections.Generic;
    using System.Globalization;
    using System.Linq;
    using System.Net;
    using System.Net.Http;
    using System.Net.Http.Headers;
    using System.Text;
    using System.Threading;
    using System.Threading.Tasks;

    /// <summary>One HTTP request of an operation, as its method fills it in.</summary>
    public sealed class ApiRequest
    {
        private readonly StringBuilder path;
        private readonly List<KeyValuePair<string, string>> query = new List<KeyValuePair<string, string>>();
        private readonly List<KeyValuePair<string, string>> headers = new List<KeyValuePair<string, string>>();
        private readonly List<string> cookies = new List<string>();

        /// <summary>A request of <paramref name="method"/> to <paramref name="pathTemplate"/> (with <c>{name}</c> parameters).</summary>
        public ApiRequest(string method, string pathTemplate)
        {
            Method = method;
            path = new StringBuilder(pathTemplate);
        }

        /// <summary>The HTTP method.</summary>
        public string Method { get; }

        /// <summary>Whether the client's own credentials go with the request.</summary>
        public bool Authenticated { get; set; }

        /// <summary>Whether the request may be sent again after a failure (GET, PUT, DELETE...).</summary>
        public bool Idempotent { get; set; }

        /// <summary>The body, if any.</summary>
        public string Body { get; private set; }

        /// <summary>The body's media type.</summary>
        public string ContentType { get; private set; }

        /// <summary>The path with its parameters put in, and the query string.</summary>
        public string PathAndQuery =>
            path + (query.Count == 0 ? string.Empty : "?" + string.Join("&", query.Select(p => Escape(p.Key) + "=" + Escape(p.Value))));

        /// <summary>The headers the operation sets.</summary>
        public IEnumerable<KeyValuePair<string, string>> Headers => headers;

        /// <summary>The cookies the operation sets, as <c>name=value</c>.</summary>
        public IEnumerable<string> Cookies => cookies;

        /// <summary>Puts a path parameter's value (percent-encoded) in place of <c>{name}</c>.</summary>
        public void PathParameter(string name, object value) =>
            path.Replace("{" + name + "}", Escape(Text(value)));

        /// <summary>Adds a query parameter; null is not sent, a list is sent once per item.</summary>
        public void Query(string name, object value, string delimiter = null)
        {
            if (value == null)
            {
                return;
            }

            var list = value as System.Collections.IEnumerable;
            if (list != null && !(value is string))
            {
                var items = list.Cast<object>().Select(Text).ToList();
                if (delimiter != null)
                {
                    query.Add(new KeyValuePair<string, string>(name, string.Join(delimiter, items)));
                    return;
                }

                query.AddRange(items.Select(item => new KeyValuePair<string, string>(name, item)));
                return;
            }

            query.Add(new KeyValuePair<string, string>(name, Text(value)));
        }

        /// <summary>Adds a header; null is not sent.</summary>
        public void Header(string name, object value)
        {
            if (value != null)
            {
                headers.Add(new KeyValuePair<string, string>(name, Text(value)));
            }
        }

        /// <summary>Adds a cookie; null is not sent.</summary>
        public void Cookie(string name, object value)
        {
            if (value != null)
            {
                cookies.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(Text(value)));
            }
        }

        /// <summary>Sends <paramref name="value"/> as a JSON body (a model without its read-only fields); null sends no body.</summary>
        public void JsonBody(object value)
        {
            if (value != null)
            {
                Body = Json.Write(Json.ToJsonValue(value, true));
                ContentType = "application/json";
            }
        }

        /// <summary>Sends <paramref name="value"/>'s fields form-encoded; null sends no body.</summary>
        public void FormBody(object value)
        {
            var json = Json.ToJsonValue(value, true) as JsonObject;
            if (json != null)
            {
                Body = string.Join("&", json.Where(m => m.Value != null).Select(m => Escape(m.Key) + "=" + Escape(Text(m.Value))));
                ContentType = "application/x-www-form-urlencoded";
            }
        }

        /// <summary>Sends <paramref name="value"/>'s fields as the parts of a multipart/form-data body (text, JSON for other values); null sends no body.</summary>
        public void MultipartBody(object value)
        {
            var json = Json.ToJsonValue(value, true) as JsonObject;
            if (json != null)
            {
                Parts = json.Where(m => m.Value != null)
                    .Select(m => new KeyValuePair<string, string>(m.Key, m.Value as string ?? Json.Write(m.Value)))
                    .ToList();
            }
        }

        /// <summary>The parts of a multipart/form-data body (null: the body is not multipart).</summary>
        public IList<KeyValuePair<string, string>> Parts { get; private set; }

        /// <summary>Sends text as it is, of <paramref name="contentType"/>; null sends no body.</summary>
        public void TextBody(string value, string contentType)
        {
            if (value != null)
            {
                Body = value;
                ContentType = contentType;
            }
        }

        /// <summary>A value as it travels in a path, query, header or cookie.</summary>
        public static string Text(object value)
        {
            if (value == null)
            {
                return string.Empty;
            }

            if (value is string)
            {
                return (string)value;
            }

            if (value is bool)
            {
                return (bool)value ? "true" : "false";
            }

            if (value is IJsonModel || value is System.Collections.IDictionary)
            {
                return Json.Write(value);
            }

            var formattable = value as IFormattable;
            return formattable != null ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString();
        }

        private static string Escape(string text) => Uri.EscapeDataString(text);
    }

    /// <summary>What the server answered.</summary>
    public sealed class ApiResponse
    {
        /// <summary>A response.</summary>
        public ApiResponse(int statusCode, IDictionary<string, string> headers, byte[] bytes)
        {
            StatusCode = statusCode;
            Headers = headers;
            Bytes = bytes;
            Body = Encoding.UTF8.GetString(bytes);
        }

        /// <summary>The HTTP status code.</summary>
        public int StatusCode { get; }

        /// <summary>The response headers (several values of one header joined with commas).</summary>
        public IDictionary<string, string> Headers { get; }

        /// <summary>The body as text, UTF-8 (empty when there is none).</summary>
        public string Body { get; }

        /// <summary>The body as it came.</summary>
        public byte[] Bytes { get; }
    }

    /// <summary>
    /// Sends requests: base URL, credentials, timeout, and retries with exponential
    /// back-off (honouring <c>Retry-After</c>) for connection failures and statuses 408,
    /// 429, 500, 502, 503 and 504, the latter only for idempotent requests.
    /// </summary>
    public sealed class HttpRuntime
    {
        private static readonly int[] RetryStatuses = { 408, 429, 500, 502, 503, 504 };
        private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);
        private readonly HttpClient client;
        private readonly IList<KeyValuePair<string, string>> authHeaders;
        private readonly IList<KeyValuePair<string, string>> authQuery;

        /// <summary>A runtime for <paramref name="baseUrl"/>.</summary>
        public HttpRuntime(
            HttpClient client,
            string baseUrl,
            TimeSpan timeout,
            int maxRetries,
            IList<KeyValuePair<string, string>> authHeaders,
            IList<KeyValuePair<string, string>> authQuery,
            string userAgent)
        {
            this.client = client;
            BaseUrl = baseUrl.TrimEnd('/');
            Timeout = timeout;
            MaxRetries = maxRetries;
            this.authHeaders = authHeaders;
            this.authQuery = authQuery;
            UserAgent = userAgent;
        }

        /// <summary>The URL requests go to, without a trailing slash.</summary>
        public string BaseUrl { get; }

        /// <summary>How long one attempt may take.</summary>
        public TimeSpan Timeout { get; }

        /// <summary>How many times a failed request is sent again.</summary>
        public int MaxRetries { get; }

        /// <summary>The User-Agent header sent with each request.</summary>
        public string UserAgent { get; }

        /// <summary>Sends <paramref name="request"/>, again after a retriable failure; the last answer is returned.</summary>
        public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            for (var attempt = 0; ; attempt++)
            {
                var retriesLeft = attempt < MaxRetries;
                HttpResponseMessage response;
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    timeout.CancelAfter(Timeout);
                    try
                    {
                        using (var message = Message(request))
                        {
                            response = await client.SendAsync(message, timeout.Token).ConfigureAwait(false);
                        }
                    }
                    catch (HttpRequestException) when (retriesLeft && request.Idempotent)
                    {
                        await Task.Delay(Backoff(attempt, null), cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        if (retriesLeft && request.Idempotent)
                        {
                            continue;
                        }

                        throw new TimeoutException("no answer within " + Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s");
                    }
                }

                using (response)
                {
                    var status = (int)response.StatusCode;
                    if (retriesLeft && request.Idempotent && Array.IndexOf(RetryStatuses, status) >= 0)
                    {
                        await Task.Delay(Backoff(attempt, response.Headers.RetryAfter), cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    var body = response.Content == null ? new byte[0] : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    var all = response.Content == null ? response.Headers : response.Headers.Concat(response.Content.Headers);
                    foreach (var header in all)
                    {
                        headers[header.Key] = string.Join(", ", header.Value);
                    }

                    return new ApiResponse(status, headers, body);
                }
            }
        }

        private HttpRequestMessage Message(ApiRequest request)
        {
            var url = BaseUrl + request.PathAndQuery;
            if (request.Authenticated && authQuery.Count > 0)
            {
                url += (url.Contains("?") ? "&" : "?") + string.Join("&", authQuery.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            }

            var message = new HttpRequestMessage(new HttpMethod(request.Method), url);
            message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (request.Authenticated)
            {
                foreach (var header in authHeaders)
                {
                    message.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            foreach (var header in request.Headers)
            {
                message.Headers.Remove(header.Key);
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (request.Cookies.Any())
            {
                message.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", request.Cookies));
            }

            if (request.Parts != null)
            {
                var multipart = new MultipartFormDataContent();
                foreach (var part in request.Parts)
                {
                    multipart.Add(new StringContent(part.Value, Encoding.UTF8), part.Key);
                }

                message.Content = multipart;
            }
            else if (request.Body != null)
            {
                message.Content = new StringContent(request.Body, Encoding.UTF8);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType) { CharSet = "utf-8" };
            }

            return message;
        }

        private static TimeSpan Backoff(int attempt, RetryConditionHeaderValue retryAfter)
        {
            if (retryAfter != null && retryAfter.Delta.HasValue && retryAfter.Delta.Value <= MaxRetryAfter)
            {
                return retryAfter.Delta.Value;
            }

            if (retryAfter != null && retryAfter.Date.HasValue)
            {
                var wait = retryAfter.Date.Value - DateTimeOffset.UtcNow;
                if (wait <= MaxRetryAfter)
                {
                    return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
                }
            }

            return TimeSpan.FromMilliseconds(Math.Min(8000, 500 * Math.Pow(2, attempt)));
        }
    }
}
