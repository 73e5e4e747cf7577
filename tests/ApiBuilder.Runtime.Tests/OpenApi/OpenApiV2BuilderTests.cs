using System.Text.Json.Nodes;
using ApiBuilder.Runtime.OpenApi;
using Xunit;
using static ApiBuilder.Runtime.Tests.OpenApi.OpenApiDocumentWalker;

namespace ApiBuilder.Runtime.Tests.OpenApi;

public sealed class OpenApiV2BuilderTests
{
    private const string V1Alpha1 = "/apis/wardle.example.com/v1alpha1";

    private static JsonObject Build() => OpenApiV2Builder.Build(
        [WardleResources.Flunder(), WardleResources.Fischer(), WardleResources.Flock(), WardleResources.Flunder("v1beta1")],
        new OpenApiInfo("Wardle", "0.1"));

    [Fact]
    public void Document_IsSwagger20_WithBearerTokenSecurity()
    {
        var document = Build();

        Assert.Equal(["swagger", "info", "paths", "definitions", "securityDefinitions", "security"], document.Select(p => p.Key));
        Assert.Equal("2.0", document["swagger"]!.GetValue<string>());
        Assert.Equal("""{"title":"Wardle","version":"0.1"}""", document["info"]!.ToJsonString());
        Assert.Equal(
            """{"BearerToken":{"description":"Bearer Token authentication","type":"apiKey","name":"authorization","in":"header"}}""",
            document["securityDefinitions"]!.ToJsonString());
        Assert.Equal("""[{"BearerToken":[]}]""", document["security"]!.ToJsonString());
    }

    [Fact]
    public void Paths_CoverEveryGroupVersion()
    {
        var paths = Build()["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.Contains(V1Alpha1 + "/", paths);
        Assert.Contains("/apis/wardle.example.com/v1beta1/", paths);
        Assert.Contains("/apis/wardle.example.com/v1beta1/namespaces/{namespace}/flunders/{name}/status", paths);
        Assert.Contains(V1Alpha1 + "/namespaces/{namespace}/flocks/{name}/scale", paths);
        Assert.Contains(V1Alpha1 + "/fischers/{name}", paths);
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);
    }

    [Fact]
    public void Operations_DeclareMediaTypesSchemesAndTheGvkObject()
    {
        foreach (var (path, method, operation) in Operations(Build()))
        {
            var where = $"{method} {path}";
            Assert.Equal("""["https"]""", operation["schemes"]!.ToJsonString());
            Assert.NotNull(operation["consumes"]);
            Assert.DoesNotContain("protobuf", operation["produces"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal("""{"description":"Unauthorized"}""", operation["responses"]!["401"]!.ToJsonString());
            if (!path.EndsWith('/'))
            {
                Assert.True(operation["x-kubernetes-group-version-kind"] is JsonObject, where);
                Assert.NotNull(operation["x-kubernetes-action"]);
            }
        }
    }

    [Fact]
    public void Patch_ConsumesJsonMergeStrategicAndApplyPatch_AndDeclaresFieldValidation()
    {
        var patches = Operations(Build()).Where(o => o.Method == "patch").ToList();

        Assert.Equal(8, patches.Count);
        Assert.All(patches, p =>
        {
            // This Flunder's free-form status keeps kubectl on merge patches: no strategic merge patch listed for it.
            Assert.Equal(p.Path.EndsWith("/scale", StringComparison.Ordinal)
                ? ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"]
                : p.Path.Contains("/flunders/", StringComparison.Ordinal)
                    ? ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"]
                    : ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"],
                p.Operation["consumes"]!.AsArray().Select(c => c!.GetValue<string>()));
            Assert.Equal(["body", "dryRun", "fieldManager", "fieldValidation", "force"], ParameterNames(p.Operation));
            Assert.Equal("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch", p.Operation["parameters"]![0]!["schema"]!["$ref"]!.GetValue<string>());
        });
    }

    [Theory]
    [InlineData("/namespaces/{namespace}/flunders", "post", "com.example.wardle.v1alpha1.Flunder", true)]
    [InlineData("/namespaces/{namespace}/flunders/{name}", "put", "com.example.wardle.v1alpha1.Flunder", true)]
    [InlineData("/namespaces/{namespace}/flunders/{name}", "delete", "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions", false)]
    [InlineData("/fischers", "delete", "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions", false)]
    [InlineData("/namespaces/{namespace}/flocks/{name}/scale", "put", "io.k8s.api.autoscaling.v1.Scale", true)]
    public void Bodies_AreInlineBodyParameters(string path, string method, string schema, bool required)
    {
        var operation = Build()["paths"]![V1Alpha1 + path]![method]!;
        var body = operation["parameters"]![0]!;

        Assert.Equal("body", body["name"]!.GetValue<string>());
        Assert.Equal("body", body["in"]!.GetValue<string>());
        Assert.Equal("#/definitions/" + schema, body["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal(required, body["required"]?.GetValue<bool>() ?? false);
    }

    [Fact]
    public void Parameters_AreInlineWithTypes()
    {
        var paths = Build()["paths"]!;
        var item = paths[V1Alpha1 + "/namespaces/{namespace}/flunders/{name}"]!;

        Assert.Equal("""{"name":"name","in":"path","description":"name of the Flunder","required":true,"type":"string"}""",
            item["parameters"]![0]!.ToJsonString());
        Assert.DoesNotContain("#/parameters/", paths.ToJsonString(), StringComparison.Ordinal);
        var limit = paths[V1Alpha1 + "/fischers"]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "limit")!;
        Assert.Equal("integer", limit["type"]!.GetValue<string>());
        Assert.Null(limit["schema"]);
    }

    [Fact]
    public void Definitions_CarryTheGvkArray_AndEveryReferenceResolves()
    {
        var document = Build();
        var definitions = document["definitions"]!.AsObject();

        Assert.Equal("""[{"group":"wardle.example.com","kind":"Flunder","version":"v1beta1"}]""",
            definitions["com.example.wardle.v1beta1.Flunder"]!["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("""[{"group":"wardle.example.com","kind":"FischerList","version":"v1alpha1"}]""",
            definitions["com.example.wardle.v1alpha1.FischerList"]!["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal(3, definitions["io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"]!["x-kubernetes-group-version-kind"]!.AsArray().Count);

        var references = References(document).Distinct().ToList();
        Assert.All(references, r =>
        {
            Assert.StartsWith("#/definitions/", r, StringComparison.Ordinal);
            Assert.True(Resolve(document, r) is JsonObject, $"unresolved {r}");
        });
        Assert.DoesNotContain("#/components/", document.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Definitions_UseOnlySwagger20SchemaKeywords()
    {
        var definitions = Build()["definitions"]!;
        var flunder = definitions["com.example.wardle.v1alpha1.Flunder"]!;
        var fischer = definitions["com.example.wardle.v1alpha1.Fischer"]!;

        // nullable is not Swagger 2.0; the type goes too so that null still validates.
        Assert.Equal("""{"enum":["Flunder","Fischer"]}""", flunder["properties"]!["spec"]!["properties"]!["referenceType"]!.ToJsonString());
        // anyOf is dropped, the Kubernetes extension that carries the meaning stays.
        Assert.Equal("""{"x-kubernetes-int-or-string":true}""", fischer["properties"]!["spec"]!["properties"]!["mode"]!.ToJsonString());
        Assert.True(flunder["properties"]!["status"]!["x-kubernetes-preserve-unknown-fields"]!.GetValue<bool>());
        Assert.Equal("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", flunder["properties"]!["metadata"]!["$ref"]!.GetValue<string>());
        Assert.Null(flunder["properties"]!["metadata"]!["allOf"]);
    }

    [Fact]
    public void Output_IsDeterministic()
    {
        Assert.Equal(Build().ToJsonString(), Build().ToJsonString());
    }
}
