namespace Square.OAuth.Exceptions
{
    using System;
    using System.Collections.Generic;
    using Square.OAuth.Core;

    /// <summary>
    /// The server answered with an error status: its status code, headers and body, and
    /// the errors the body lists.
    /// </summary>
    public class ApiException : Exception
    {
        /// <summary>An exception for a response of <paramref name="statusCode"/>.</summary>
        public ApiException(string message, int statusCode, IDictionary<string, string> headers, string body)
            : base(message)
        {
            StatusCode = statusCode;
            Headers = headers;
            Body = body;
            Errors = ReadErrors(body);
        }

        /// <summary>The HTTP status code.</summary>
        public int StatusCode { get; }

        /// <summary>The response headers.</summary>
        public IDictionary<string, string> Headers { get; }

        /// <summary>The response body as text.</summary>
        public string Body { get; }

        /// <summary>The errors the body lists under <c>errors</c> (empty when it lists none).</summary>
        public IList<Models.Error> Errors { get; }

        private static IList<Models.Error> ReadErrors(string body)
        {
            try
            {
                var json = Json.Parse(body) as JsonObject;
                var errors = json == null ? null : JsonRead.ListOf<Models.Error>(Models.Error.FromJson)(json.Get("errors"));
                return errors ?? new List<Models.Error>().AsReadOnly();
            }
            catch (FormatException)
            {
                return new List<Models.Error>().AsReadOnly();
            }
        }
    }
}
