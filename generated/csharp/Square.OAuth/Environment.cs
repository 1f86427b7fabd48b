namespace Square.OAuth
{
    /// <summary>
    /// The servers the API is served from: choose one with the client builder's
    /// <c>Environment</c> method, or give another URL with <c>BaseUrl</c>.
    /// </summary>
    public enum Environment
    {
        /// <summary>
        /// Production
        /// </summary>
        /// <remarks>
        /// https://connect.squareup.com
        /// </remarks>
        Production,

        /// <summary>
        /// Sandbox
        /// </summary>
        /// <remarks>
        /// https://connect.squareupsandbox.com
        /// </remarks>
        Sandbox,
    }

    /// <summary>The base URL of each <see cref="Environment"/>.</summary>
    internal static class EnvironmentUrls
    {
        /// <summary>The base URL of <paramref name="environment"/>.</summary>
        public static string Of(Environment environment)
        {
            switch (environment)
            {
                case Environment.Production:
                    return "https://connect.squareup.com";
                case Environment.Sandbox:
                    return "https://connect.squareupsandbox.com";
                default:
                    throw new System.ArgumentOutOfRangeException(nameof(environment));
            }
        }
    }
}
