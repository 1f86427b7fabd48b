namespace Square.OAuth
{
    using System;
    using System.Collections.Generic;
    using System.Net.Http;
    using Square.OAuth.Apis;
    using Square.OAuth.Core;

    /// <summary>
    /// The client of the Square OAuth API: made with its <see cref="Builder"/>, it
    /// exposes each group of operations as a property.
    /// </summary>
    public sealed class SquareOAuthClient
    {
        /// <summary>The default time one attempt of a request may take.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

        /// <summary>How many times a failed request is sent again, by default.</summary>
        public const int DefaultMaxRetries = 2;

        private static readonly HttpClient SharedHttpClient = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        private readonly Builder settings;

        private SquareOAuthClient(Builder builder)
        {
            settings = builder.Copy();
            BaseUrl = builder.ChosenBaseUrl ?? EnvironmentUrls.Of(builder.ChosenEnvironment);
            var authHeaders = new List<KeyValuePair<string, string>>();
            var authQuery = new List<KeyValuePair<string, string>>();
            if (_accessToken != null)
            {
                authHeaders.Add(new KeyValuePair<string, string>("Authorization", "Bearer " + _accessToken));
            }

            var http = new HttpRuntime(
                builder.ChosenHttpClient ?? SharedHttpClient,
                BaseUrl,
                builder.ChosenTimeout,
                builder.ChosenMaxRetries,
                authHeaders,
                authQuery,
                "Square.OAuth/0.1.0");
            OAuthApi = new OAuthApi(http);
        }

        private string _accessToken => settings.AccessTokenValue;

        /// <summary>The environment chosen (its URL is not used when a base URL was given).</summary>
        public Environment Environment => settings.ChosenEnvironment;

        /// <summary>The URL requests go to.</summary>
        public string BaseUrl { get; }

        /// <summary>How long one attempt of a request may take.</summary>
        public TimeSpan Timeout => settings.ChosenTimeout;

        /// <summary>How many times a failed request is sent again.</summary>
        public int MaxRetries => settings.ChosenMaxRetries;

        /// <summary>The operations of the OAuthApi group.</summary>
        public IOAuthApi OAuthApi { get; }

        /// <summary>A builder with this client's settings, to make another client.</summary>
        public Builder ToBuilder() => settings.Copy();

        /// <summary>Settings of a <see cref="SquareOAuthClient"/>; <see cref="Build"/> makes the client.</summary>
        public sealed class Builder
        {
            internal Environment ChosenEnvironment { get; private set; }

            internal string ChosenBaseUrl { get; private set; }

            internal TimeSpan ChosenTimeout { get; private set; } = DefaultTimeout;

            internal int ChosenMaxRetries { get; private set; } = DefaultMaxRetries;

            internal HttpClient ChosenHttpClient { get; private set; }

            internal string AccessTokenValue { get; private set; }

            /// <summary>The server to use (default: <see cref="Square.OAuth.Environment.Production"/>).</summary>
            public Builder Environment(Environment environment)
            {
                ChosenEnvironment = environment;
                return this;
            }

            /// <summary>Another base URL than the environment's (a proxy, a local server).</summary>
            public Builder BaseUrl(string baseUrl)
            {
                ChosenBaseUrl = baseUrl;
                return this;
            }

            /// <summary>How long one attempt of a request may take (default: 60 seconds).</summary>
            public Builder Timeout(TimeSpan timeout)
            {
                ChosenTimeout = timeout;
                return this;
            }

            /// <summary>How many times a failed request is sent again (default: 2).</summary>
            public Builder MaxRetries(int maxRetries)
            {
                ChosenMaxRetries = maxRetries;
                return this;
            }

            /// <summary>The <see cref="System.Net.Http.HttpClient"/> to send requests with (default: one the SDK shares).</summary>
            public Builder HttpClient(HttpClient httpClient)
            {
                ChosenHttpClient = httpClient;
                return this;
            }

            /// <summary>
            /// An OAuth access token (or your application's personal access token), sent as a Bearer token: `Authorization: Bearer ACCESS_TOKEN`.
            /// </summary>
            public Builder AccessToken(string value)
            {
                AccessTokenValue = value;
                return this;
            }

            /// <summary>The client, with these settings.</summary>
            public SquareOAuthClient Build() => new SquareOAuthClient(this);

            internal Builder Copy() => (Builder)MemberwiseClone();
        }
    }
}
