using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.OpenApi;
using ApiBuilder.Runtime.Testing;
using ApiBuilder.Runtime.Tests.OpenApi.Proto;
using ApiBuilder.Runtime.Tests.Rest;

namespace ApiBuilder.Runtime.Tests.OpenApi;

/// <summary>
/// /openapi/v2 in protobuf, decoded with classes generated from gnostic's message definitions (field numbers as
/// gnostic declares them), the way kubectl reads it when it falls back from v3 to v2.
/// </summary>
public sealed class OpenApiV2ProtobufTests
{
    private const string Protobuf = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

    private static JsonObject Build() => OpenApiV2Builder.Build(
        [WardleResources.Flunder(), WardleResources.Fischer(), WardleResources.Flock(), WardleResources.Flunder("v1beta1")],
        new OpenApiInfo("Wardle", "0.1"));

    [Fact]
    public void The_protobuf_document_says_what_the_json_document_says()
    {
        var json = Build();
        var document = Document.Parser.ParseFrom(OpenApiV2Protobuf.Encode(ResponseWriter.ToJson(json)));

        Assert.Equal("2.0", document.Swagger);
        Assert.Equal(("Wardle", "0.1"), (document.Info.Title, document.Info.Version));

        var paths = json["paths"]!.AsObject();
        Assert.Equal(paths.Select(p => p.Key), document.Paths.Path.Select(p => p.Name));
        foreach (var path in document.Paths.Path)
        {
            var expected = paths[path.Name]!.AsObject();
            foreach (var (method, operation) in new[] { ("get", path.Value.Get), ("put", path.Value.Put), ("post", path.Value.Post), ("delete", path.Value.Delete), ("patch", path.Value.Patch) })
            {
                if (expected[method] is not JsonObject want)
                {
                    Assert.Null(operation);
                    continue;
                }

                Assert.Equal((string?)want["operationId"], operation.OperationId);
                Assert.Equal(QueryAndPathNames(want["parameters"]), operation.Parameters.Select(Name));
                Assert.Equal(want.Where(p => p.Key.StartsWith("x-", StringComparison.Ordinal)).Select(p => (p.Key, p.Value!.ToJsonString())),
                    operation.VendorExtension.Select(e => (e.Name, e.Value.Yaml)));
                Assert.Equal(want["responses"]!.AsObject().Select(r => r.Key), operation.Responses.ResponseCode.Select(r => r.Name));
            }

            Assert.Equal(QueryAndPathNames(expected["parameters"]), path.Value.Parameters.Select(Name));
        }

        // What kubectl's verifier looks for: the PATCH of the Kind, marked with its group-version-kind, takes fieldValidation.
        var patch = document.Paths.Path.Single(p => p.Name == "/apis/wardle.example.com/v1alpha1/namespaces/{namespace}/flunders/{name}").Value.Patch;
        var gvk = JsonNode.Parse(patch.VendorExtension.Single(e => e.Name == "x-kubernetes-group-version-kind").Value.Yaml)!;
        Assert.Equal(("wardle.example.com", "v1alpha1", "Flunder"), ((string?)gvk["group"], (string?)gvk["version"], (string?)gvk["kind"]));
        Assert.Contains(patch.Parameters, p => p.Parameter?.NonBodyParameter?.QueryParameterSubSchema?.Name == "fieldValidation");

        var definitions = json["definitions"]!.AsObject();
        Assert.Equal(definitions.Select(d => d.Key), document.Definitions.AdditionalProperties.Select(d => d.Name));
        foreach (var definition in document.Definitions.AdditionalProperties)
        {
            AssertSchema(definitions[definition.Name]!.AsObject(), definition.Value, definition.Name);
        }
    }

    [Fact]
    public async Task The_server_answers_protobuf_when_asked_with_its_own_etag()
    {
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(new ReadOnlyGadgets(new DictionaryStorage())));
        var http = server.Client;

        // '@' is not a token character to .NET's header parser, though kube-openapi's type has it: sent unvalidated.
        using var asked = new HttpRequestMessage(HttpMethod.Get, "/openapi/v2");
        asked.Headers.TryAddWithoutValidation("Accept", Protobuf + ", application/json");
        using var response = await http.SendAsync(asked);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Answered with the dotted name kube-openapi answers, which Go's mime parser (kubectl's) reads.
        Assert.Equal("application/com.github.proto-openapi.spec.v2.v1.0+protobuf", Assert.Single(response.Content.Headers.NonValidated["Content-Type"]));
        var document = Document.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        var collection = document.Paths.Path.Single(p => p.Name == "/apis/test.example.com/v1/namespaces/{namespace}/gadgets").Value;
        Assert.NotNull(collection.Get);
        Assert.Null(collection.Post); // a read-only Kind: no writes, as in the JSON document
        var etag = response.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, "/openapi/v2");
        again.Headers.TryAddWithoutValidation("Accept", Protobuf);
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(again)).StatusCode);

        using var json = await http.GetAsync("/openapi/v2");
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.NotEqual(etag, json.Headers.ETag);
        Assert.Equal(document.Paths.Path.Count, JsonNode.Parse(await json.Content.ReadAsStringAsync())!["paths"]!.AsObject().Count);

        using var other = new HttpRequestMessage(HttpMethod.Get, "/openapi/v2") { Headers = { { "Accept", "application/xml" } } };
        Assert.Equal(HttpStatusCode.NotAcceptable, (await http.SendAsync(other)).StatusCode);
    }

    private static void AssertSchema(JsonObject want, Proto.Schema got, string where)
    {
        Assert.True((string?)want["$ref"] == NullIfEmpty(got.Ref), where + ": $ref");
        Assert.True((string?)want["description"] == NullIfEmpty(got.Description), where + ": description");
        Assert.True((string?)want["format"] == NullIfEmpty(got.Format), where + ": format");
        Assert.Equal(want["type"] switch { JsonArray a => a.Select(t => (string?)t), JsonValue v => [(string?)v], _ => [] }, got.Type?.Value ?? [], StringComparer.Ordinal);
        Assert.Equal((want["required"] as JsonArray ?? []).Select(r => (string?)r), got.Required);
        Assert.Equal((want["enum"] as JsonArray ?? []).Select(e => e!.ToJsonString()), got.Enum.Select(e => e.Yaml));
        Assert.Equal(want["default"]?.ToJsonString(), got.Default?.Yaml);
        Assert.Equal(want.Where(p => p.Key.StartsWith("x-", StringComparison.Ordinal)).Select(p => (p.Key, p.Value!.ToJsonString())),
            got.VendorExtension.Select(e => (e.Name, e.Value.Yaml)));
        var properties = want["properties"] as JsonObject ?? [];
        Assert.Equal(properties.Select(p => p.Key), got.Properties?.AdditionalProperties.Select(p => p.Name) ?? []);
        foreach (var property in got.Properties?.AdditionalProperties ?? [])
        {
            AssertSchema(properties[property.Name]!.AsObject(), property.Value, where + "." + property.Name);
        }

        switch (want["items"])
        {
            case JsonObject items:
                AssertSchema(items, Assert.Single(got.Items.Schema), where + "[]");
                break;
            default:
                Assert.Null(got.Items);
                break;
        }

        switch (want["additionalProperties"])
        {
            case JsonObject additional:
                AssertSchema(additional, got.AdditionalProperties.Schema, where + "{}");
                break;
            case JsonValue flag:
                Assert.Equal(flag.GetValue<bool>(), got.AdditionalProperties.Boolean);
                break;
            default:
                Assert.Null(got.AdditionalProperties);
                break;
        }

        var allOf = want["allOf"] as JsonArray ?? [];
        Assert.Equal(allOf.Count, got.AllOf.Count);
        for (var i = 0; i < allOf.Count; i++)
        {
            AssertSchema(allOf[i]!.AsObject(), got.AllOf[i], where + ".allOf");
        }
    }

    private static IEnumerable<string?> QueryAndPathNames(JsonNode? parameters) =>
        (parameters as JsonArray ?? []).Select(p => (string?)p!["$ref"] ?? (string?)p["name"]);

    private static string? Name(ParametersItem item) =>
        item.JsonReference?.Ref is { Length: > 0 } reference ? reference
        : item.Parameter.BodyParameter?.Name ?? item.Parameter.NonBodyParameter.QueryParameterSubSchema?.Name ?? item.Parameter.NonBodyParameter.PathParameterSubSchema?.Name;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
