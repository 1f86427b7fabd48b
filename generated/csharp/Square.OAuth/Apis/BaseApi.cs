namespace Square.OAuth.Apis
{
    using System.Threading;
    using System.Threading.Tasks;
    using Square.OAuth.Core;
    using Square.OAuth.Exceptions;

    /// <summary>What every group of operations does alike: send a request, check the status.</summary>
    public abstract class BaseApi
    {
        private readonly HttpRuntime http;

        internal BaseApi(HttpRuntime http)
        {
            this.http = http;
        }

        /// <summary>Sends the request; throws <see cref="ApiException"/> unless the status is 2xx.</summary>
        internal async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode < 200 || response.StatusCode > 299)
            {
                throw new ApiException("HTTP " + response.StatusCode + " from " + request.Method + " " + request.PathAndQuery, response.StatusCode, response.Headers, response.Body);
            }

            return response;
        }

        /// <summary>Waits for a task on the thread pool, so that a blocking call cannot deadlock a synchronization context.</summary>
        internal static T Wait<T>(System.Func<Task<T>> call) => Task.Run(call).GetAwaiter().GetResult();

        /// <summary>Waits for a task that returns nothing, as <see cref="Wait{T}"/> does.</summary>
        internal static void Wait(System.Func<Task> call) => Task.Run(call).GetAwaiter().GetResult();
    }
}
