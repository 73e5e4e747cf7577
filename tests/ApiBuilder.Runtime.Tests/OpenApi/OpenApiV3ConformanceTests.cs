using System.Text.Json.Nodes;
using ApiBuilder.Runtime.OpenApi;
using ApiBuilder.Runtime.Resources;
using Xunit;
using static ApiBuilder.Runtime.Tests.OpenApi.OpenApiDocumentWalker;

namespace ApiBuilder.Runtime.Tests.OpenApi;

/// <summary>
/// Compares the generated v3 document with the one Kubernetes' sample-apiserver served for the
/// same Kinds (captured in TestData/reference-wire): same paths, operations, ids, actions, GVKs, parameters and
/// status codes, apart from the differences ApiBuilder makes on purpose.
/// </summary>
public sealed class OpenApiV3ConformanceTests
{
    // Deliberate differences: no deprecated /watch/ paths, no unsafe-delete parameter, and every
    // operation lists 401 (the captured document omits it; Kubernetes' v2 lists it).
    private const string UnsafeDeleteParameter = "ignoreStoreReadErrorWithClusterBreakingPotential";

    private static readonly JsonObject Reference =
        JsonNode.Parse(ReferenceCaptures.Body("08-openapi-v3-group-version.txt"))!.AsObject();

    private static readonly JsonObject Generated = OpenApiV3Builder.BuildGroupVersion(
        WardleResources.Group, WardleResources.Version,
        [WithoutStatus(WardleResources.Flunder()), WardleResources.Fischer()], new OpenApiInfo("Wardle", "0.1"));

    [Fact]
    public void SamePaths_ExceptTheDeprecatedWatchPaths()
    {
        var expected = Reference["paths"]!.AsObject().Select(p => p.Key).Where(p => !p.Contains("/watch/", StringComparison.Ordinal));

        Assert.Equal(expected, Generated["paths"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void SameOperations_WithTheSameIdsActionsKindsParametersAndStatusCodes()
    {
        var generated = Operations(Generated).ToDictionary(o => (o.Path, o.Method));
        var compared = 0;

        foreach (var (path, method, expected) in Operations(Reference).Where(o => !o.Path.Contains("/watch/", StringComparison.Ordinal)))
        {
            Assert.True(generated.TryGetValue((path, method), out var actual), $"missing {method} {path}");
            var operation = actual.Operation;
            var where = $"{method} {path}";

            Assert.Equal(Text(expected, "operationId"), Text(operation, "operationId"));
            Assert.Equal(Text(expected, "x-kubernetes-action"), Text(operation, "x-kubernetes-action"));
            Assert.Equal(Text(expected, "description"), Text(operation, "description"));
            Assert.Equal(expected["tags"]!.ToJsonString(), operation["tags"]!.ToJsonString());
            Assert.Equal(expected["x-kubernetes-group-version-kind"]?.ToJsonString(), operation["x-kubernetes-group-version-kind"]?.ToJsonString());
            Assert.True(
                EffectiveParameters(Reference, path, expected).Except([UnsafeDeleteParameter]).SequenceEqual(EffectiveParameters(Generated, path, operation)),
                $"parameters of {where}");
            Assert.Equal(
                expected["responses"]!.AsObject().Select(r => r.Key).Append("401"),
                operation["responses"]!.AsObject().Select(r => r.Key));
            Assert.Equal(
                expected["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Split('.')[^1],
                operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Split('.')[^1]);
            Assert.Equal(expected["requestBody"]?["required"]?.GetValue<bool>(), operation["requestBody"]?["required"]?.GetValue<bool>());
            compared++;
        }

        Assert.Equal(16, compared);
    }

    [Fact]
    public void MetaSchemas_HaveTheSameFieldsTypesAndFormatsAsKubernetes()
    {
        var expected = Reference["components"]!["schemas"]!.AsObject();
        var actual = Generated["components"]!["schemas"]!.AsObject();

        foreach (var (name, schema) in expected.Where(s => s.Key.StartsWith("io.k8s.apimachinery.", StringComparison.Ordinal)))
        {
            Assert.True(actual.ContainsKey(name), name);
            Assert.Equal(Shape(schema, name), Shape(actual[name], name));
        }
    }

    private static ResourceDefinition WithoutStatus(ResourceDefinition resource) => new()
    {
        Group = resource.Group,
        Version = resource.Version,
        Kind = resource.Kind,
        Plural = resource.Plural,
        Scope = resource.Scope,
        Schema = resource.Schema,
    };

    private static string? Text(JsonNode node, string key) => node[key]?.GetValue<string>();

    // Kubernetes hoists parameters shared by all of a path's operations to the path item; where they
    // sit does not matter to clients, so compare the union.
    private static IEnumerable<string> EffectiveParameters(JsonObject document, string path, JsonObject operation) =>
        ParameterNames(document["paths"]![path]!.AsObject())
            .Concat(ParameterNames(operation))
            .Where(p => p is not ("name" or "namespace" or "pretty"))
            .Order(StringComparer.Ordinal);

    // Field names with type, format and $ref, ignoring descriptions and the unsafe-delete option.
    private static string Shape(JsonNode? schema, string name)
    {
        var lines = new List<string> { $"{name}: {schema?["type"]} {schema?["format"]} required={schema?["required"]?.ToJsonString()}" };
        if (schema?["properties"] is JsonObject properties)
        {
            foreach (var (field, property) in properties.Where(p => p.Key != UnsafeDeleteParameter).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var items = property!["items"];
                lines.Add($"  {field}: {property["type"]} {property["format"]} {References(property).FirstOrDefault()} items={items?["type"]}");
            }
        }

        return string.Join('\n', lines);
    }
}
