using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

/// <summary>Raw REST calls on wardle.example.com/v1alpha1, for tests that check the wire rather than kubectl.</summary>
public sealed class WardleApi(HttpClient http, WardleServer server)
{
    public const string GroupVersion = "wardle.example.com/v1alpha1";
    public const string Root = "/apis/wardle.example.com/v1alpha1";

    public static string Flunders(string ns) => $"{Root}/namespaces/{ns}/flunders";

    public static string Flunder(string ns, string name) => $"{Flunders(ns)}/{name}";

    public static string Fischers => $"{Root}/fischers";

    public static string Fischer(string name) => $"{Fischers}/{name}";

    public static JsonObject NewFlunder(string name, string? ns = null, string? reference = null, IDictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value))));
        }

        var spec = new JsonObject();
        if (reference is not null)
        {
            spec["reference"] = reference;
        }

        return new JsonObject
        {
            ["apiVersion"] = GroupVersion,
            ["kind"] = "Flunder",
            ["metadata"] = metadata,
            ["spec"] = spec,
        };
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null,
        string contentType = "application/json", string? accept = null) =>
        SendBytesAsync(method, path, body is null ? null : Encoding.UTF8.GetBytes(body), contentType, accept);

    /// <summary>Sends the body bytes exactly as given (e.g. bytes that are not UTF-8).</summary>
    public async Task<HttpResponseMessage> SendBytesAsync(HttpMethod method, string path, byte[]? body,
        string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await http.SendAsync(request).ConfigureAwait(false);
        // Buffer so the body can be read again in failure messages.
        await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        return response;
    }

    /// <summary>GET that must answer 200 with a JSON object.</summary>
    public async Task<JsonObject> GetAsync(string path, string? accept = null)
    {
        using var response = await SendAsync(HttpMethod.Get, path, accept: accept).ConfigureAwait(false);
        return await ExpectJsonAsync(response, HttpStatusCode.OK).ConfigureAwait(false);
    }

    /// <summary>Creates a Flunder with POST, which must answer 201, and returns the stored object.</summary>
    public async Task<JsonObject> CreateFlunderAsync(string ns, string name, string? reference = "ref", IDictionary<string, string>? labels = null)
    {
        using var response = await SendAsync(HttpMethod.Post, Flunders(ns), NewFlunder(name, ns, reference, labels).ToJsonString()).ConfigureAwait(false);
        return await ExpectJsonAsync(response, HttpStatusCode.Created).ConfigureAwait(false);
    }

    public async Task<HttpStatusCode> StatusOfGetAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path).ConfigureAwait(false);
        return response.StatusCode;
    }

    public async Task<JsonObject> ExpectJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        Assert.True(response.StatusCode == expected, server.Explain($"expected {(int)expected} {expected}, got {Describe(response, body)}"));
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw new InvalidOperationException("not a JSON object");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            Assert.Fail(server.Explain($"expected a JSON object body ({e.Message}), got {Describe(response, body)}"));
            throw;
        }
    }

    public static string Describe(HttpResponseMessage response, string body)
    {
        var request = response.RequestMessage;
        var headers = string.Join(Environment.NewLine, response.Headers.Concat(response.Content.Headers)
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}"));
        var shownBody = body.Length > 4000 ? body[..4000] + "…" : body;
        return $"{(int)response.StatusCode} {response.StatusCode} for {request?.Method} {request?.RequestUri}{Environment.NewLine}{headers}{Environment.NewLine}{Environment.NewLine}{shownBody}";
    }

    public static MediaTypeHeaderValue? ContentType(HttpResponseMessage response) => response.Content.Headers.ContentType;
}
