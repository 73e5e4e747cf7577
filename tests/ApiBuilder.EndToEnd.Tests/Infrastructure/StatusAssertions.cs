using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

/// <summary>Checks that an error answer is a proper metav1.Status, as client-go needs to map it to a typed error.</summary>
public static class StatusAssertions
{
    /// <summary>Asserts the HTTP code and a Status body with the same <c>code</c> and the given <c>reason</c>; returns the Status.</summary>
    public static async Task<JsonObject> ShouldBeStatusAsync(this HttpResponseMessage response, WardleServer server, HttpStatusCode code, string reason)
    {
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        string Fail(string what) => server.Explain($"{what}; got {WardleApi.Describe(response, body)}");

        Assert.True(response.StatusCode == code, Fail($"expected HTTP {(int)code} {code}"));
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", Fail("expected Content-Type application/json"));
        JsonObject? status = null;
        try
        {
            status = JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        Assert.True(status is not null, Fail("expected a JSON Status body"));
        Assert.True(status!["kind"]?.GetValue<string>() == "Status" && status["apiVersion"]?.GetValue<string>() == "v1",
            Fail("expected kind Status, apiVersion v1"));
        Assert.True(status["status"]?.GetValue<string>() == "Failure", Fail("expected status Failure"));
        Assert.True(status["reason"]?.GetValue<string>() == reason, Fail($"expected reason {reason}"));
        Assert.True(status["code"]?.GetValue<int>() == (int)code, Fail($"expected code {(int)code}"));
        Assert.True(status["message"]?.GetValue<string>() is { Length: > 0 }, Fail("expected a message"));
        return status;
    }

    public static string Message(this JsonObject status) => status["message"]?.GetValue<string>() ?? "";

    /// <summary>The <c>field</c> of every <c>details.causes</c> entry.</summary>
    public static IReadOnlyList<string> CauseFields(this JsonObject status) =>
        (status["details"]?["causes"] as JsonArray ?? [])
        .Select(c => c?["field"]?.GetValue<string>() ?? "")
        .ToList();
}
