// The generated SDK's promises, checked from a program that uses it as its users do.
// Run by test_csharp_behaviour.py: args[0] is the URL of a local server that answers
// what the test queued and records every request.
using System;
using System.Collections.Generic;
using System.Linq;
using Square.OAuth;
using Square.OAuth.Apis;
using Square.OAuth.Core;
using Square.OAuth.Exceptions;
using Square.OAuth.Models;

public static class Program
{
    private static int failures;

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            failures++;
            Console.WriteLine("FAILED: " + what);
        }
    }

    public static int Main(string[] args)
    {
        var client = new SquareOAuthClient.Builder().BaseUrl(args[0]).AccessToken("OWN-TOKEN").MaxRetries(2).Build();
        IOAuthApi oAuthApi = client.OAuthApi;

        // An optional field never set is not sent; one set to null is sent as null.
        Check(Json.Write(new RevokeTokenRequest.Builder().Build()) == "{}", "unset fields are left out");
        Check(Json.Write(new RevokeTokenRequest.Builder().ClientId(null).Build()) == "{\"client_id\":null}", "null is sent");
        var scopes = new List<string> { "A" };
        var request = new ObtainTokenRequest.Builder("id", "secret", "refresh_token").Scopes(scopes).ShortLived(false).Build();
        scopes.Add("B");
        Check(request.Scopes.Count == 1, "a model keeps a copy of the list it was given");
        Check(Json.Write(request) == "{\"client_id\":\"id\",\"client_secret\":\"secret\",\"grant_type\":\"refresh_token\",\"scopes\":[\"A\"],\"short_lived\":false}", "JSON in field order: " + Json.Write(request));

        // Value equality, ToBuilder, and ToString with secrets hidden.
        Check(request.Equals(request.ToBuilder().Build()) && request.GetHashCode() == request.ToBuilder().Build().GetHashCode(), "ToBuilder().Build() is equal");
        Check(!request.Equals(request.ToBuilder().ShortLived(null).Build()), "a field set to null differs");
        Check(!request.Equals(new ObtainTokenRequest.Builder("id", "secret", "refresh_token").Scopes(new[] { "A" }).Build()), "an unset field differs");
        Check(request.ToString().Contains("ClientSecret = ***") && !request.ToString().Contains("secret\""), "ToString hides secrets: " + request);

        // A response: parsed, unknown fields kept (and sent back), secrets hidden.
        var token = oAuthApi.ObtainToken(request);
        Check(token.AccessToken == "ACCESS" && token.ExpiresAt == "2006-01-02T15:04:05Z", "the blocking call returns the parsed response");
        Check(token.AdditionalProperties.ContainsKey("future_field"), "unknown fields are kept");
        Check(Json.Write(token).Contains("\"future_field\":{\"nested\":[1,2.5,true,null]}"), "and written back as they came: " + Json.Write(token));
        Check(token.ToString().Contains("AccessToken = ***") && !token.ToString().Contains("ACCESS\""), "a token is hidden: " + token);

        // An error status: ApiException with status, headers and the parsed errors.
        try
        {
            oAuthApi.RevokeTokenAsync(new RevokeTokenRequest.Builder().AccessToken("t").Build(), "Client S").GetAwaiter().GetResult();
            Check(false, "an error status throws");
        }
        catch (ApiException e)
        {
            Check(e.StatusCode == 401, "the status code");
            Check(e.Headers["X-Request-Id"] == "req-1", "the headers");
            Check(e.Errors.Count == 1 && e.Errors[0].Code == "UNAUTHORIZED" && e.Errors[0].Category == ErrorCategory.AuthenticationError, "the parsed errors");
        }

        // A POST that gets 503 is not sent again (it is not idempotent).
        try
        {
            oAuthApi.ObtainTokenAsync(request).GetAwaiter().GetResult();
            Check(false, "503 throws");
        }
        catch (ApiException e)
        {
            Check(e.StatusCode == 503, "503 is reported");
        }

        Console.WriteLine(failures == 0 ? "all checks passed" : failures + " checks failed");
        return failures == 0 ? 0 : 1;
    }
}
