using System.Text.Json.Nodes;
using ApiBuilder.Runtime.OpenApi;
using ApiBuilder.Runtime.Resources;
using Xunit;
using static ApiBuilder.Runtime.Tests.OpenApi.OpenApiDocumentWalker;

namespace ApiBuilder.Runtime.Tests.OpenApi;

public sealed class OpenApiV3BuilderTests
{
    private const string Prefix = "/apis/wardle.example.com/v1alpha1";
    private const string FlunderSchema = "com.example.wardle.v1alpha1.Flunder";
    private static readonly OpenApiInfo Info = new("Wardle", "0.1");

    private static JsonObject Build(params ResourceDefinition[] resources) =>
        OpenApiV3Builder.BuildGroupVersion(WardleResources.Group, WardleResources.Version,
            resources.Length == 0 ? WardleResources.All() : resources, Info);

    [Fact]
    public void Document_HasTheTopLevelShapeKubectlExpects()
    {
        var document = Build();

        Assert.Equal("3.0.0", document["openapi"]!.GetValue<string>());
        Assert.Equal("""{"title":"Wardle","version":"0.1"}""", document["info"]!.ToJsonString());
        Assert.Equal(
            """{"BearerToken":{"type":"apiKey","name":"authorization","in":"header"}}""",
            document["components"]!["securitySchemes"]!.ToJsonString());
    }

    [Fact]
    public void Paths_FollowKubernetesLayout()
    {
        var document = Build(WardleResources.Flunder(), WardleResources.Fischer(), WardleResources.Flock());

        Assert.Equal(
        [
            Prefix + "/",
            Prefix + "/fischers",
            Prefix + "/fischers/{name}",
            Prefix + "/flocks",
            Prefix + "/flunders",
            Prefix + "/namespaces/{namespace}/flocks",
            Prefix + "/namespaces/{namespace}/flocks/{name}",
            Prefix + "/namespaces/{namespace}/flocks/{name}/scale",
            Prefix + "/namespaces/{namespace}/flocks/{name}/status",
            Prefix + "/namespaces/{namespace}/flunders",
            Prefix + "/namespaces/{namespace}/flunders/{name}",
            Prefix + "/namespaces/{namespace}/flunders/{name}/status",
        ], document["paths"]!.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("/flunders", "get", "list", "listWardleExampleComV1alpha1FlunderForAllNamespaces", "list or watch objects of kind Flunder")]
    [InlineData("/namespaces/{namespace}/flunders", "get", "list", "listWardleExampleComV1alpha1NamespacedFlunder", "list or watch objects of kind Flunder")]
    [InlineData("/namespaces/{namespace}/flunders", "post", "post", "createWardleExampleComV1alpha1NamespacedFlunder", "create a Flunder")]
    [InlineData("/namespaces/{namespace}/flunders", "delete", "deletecollection", "deleteWardleExampleComV1alpha1CollectionNamespacedFlunder", "delete collection of Flunder")]
    [InlineData("/namespaces/{namespace}/flunders/{name}", "get", "get", "readWardleExampleComV1alpha1NamespacedFlunder", "read the specified Flunder")]
    [InlineData("/namespaces/{namespace}/flunders/{name}", "put", "put", "replaceWardleExampleComV1alpha1NamespacedFlunder", "replace the specified Flunder")]
    [InlineData("/namespaces/{namespace}/flunders/{name}", "patch", "patch", "patchWardleExampleComV1alpha1NamespacedFlunder", "partially update the specified Flunder")]
    [InlineData("/namespaces/{namespace}/flunders/{name}", "delete", "delete", "deleteWardleExampleComV1alpha1NamespacedFlunder", "delete a Flunder")]
    [InlineData("/namespaces/{namespace}/flunders/{name}/status", "get", "get", "readWardleExampleComV1alpha1NamespacedFlunderStatus", "read status of the specified Flunder")]
    [InlineData("/namespaces/{namespace}/flunders/{name}/status", "put", "put", "replaceWardleExampleComV1alpha1NamespacedFlunderStatus", "replace status of the specified Flunder")]
    [InlineData("/namespaces/{namespace}/flunders/{name}/status", "patch", "patch", "patchWardleExampleComV1alpha1NamespacedFlunderStatus", "partially update status of the specified Flunder")]
    [InlineData("/fischers", "get", "list", "listWardleExampleComV1alpha1Fischer", "list or watch objects of kind Fischer")]
    [InlineData("/fischers", "delete", "deletecollection", "deleteWardleExampleComV1alpha1CollectionFischer", "delete collection of Fischer")]
    [InlineData("/fischers/{name}", "patch", "patch", "patchWardleExampleComV1alpha1Fischer", "partially update the specified Fischer")]
    public void Operations_AreNamedAndTaggedLikeKubernetes(string path, string method, string action, string operationId, string description)
    {
        var operation = Build()["paths"]![Prefix + path]![method]!;

        Assert.Equal(operationId, operation["operationId"]!.GetValue<string>());
        Assert.Equal(action, operation["x-kubernetes-action"]!.GetValue<string>());
        Assert.Equal(description, operation["description"]!.GetValue<string>());
        Assert.Equal("""["wardleExampleCom_v1alpha1"]""", operation["tags"]!.ToJsonString());
    }

    [Fact]
    public void DiscoveryPath_ReturnsAPIResourceList()
    {
        var operation = Build()["paths"]![Prefix + "/"]!["get"]!;

        Assert.Equal("getWardleExampleComV1alpha1APIResources", operation["operationId"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList",
            operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void EveryPatch_DeclaresFieldValidation_AndOnlyThePatchTypesTheServerAccepts()
    {
        var patches = Operations(Build(WardleResources.Flunder(), WardleResources.Fischer(), WardleResources.Flock()))
            .Where(o => o.Method == "patch")
            .ToList();

        // Flunder and its status, Fischer, Flock and its status and scale.
        Assert.Equal(6, patches.Count);
        foreach (var (path, _, operation) in patches)
        {
            Assert.Equal(["dryRun", "fieldManager", "fieldValidation", "force"], ParameterNames(operation));
            var content = operation["requestBody"]!["content"]!.AsObject();
            // Server-side apply everywhere but on scale; strategic merge patch in kube-apiserver's place, except for
            // this Flunder, whose free-form status kubectl could not compute a strategic merge patch for.
            Assert.Equal(path.EndsWith("/scale", StringComparison.Ordinal)
                ? ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"]
                : path.Contains("/flunders/", StringComparison.Ordinal)
                    ? ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"]
                    : ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"], content.Select(c => c.Key));
            Assert.All(content, c => Assert.Equal(
                "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch", c.Value!["schema"]!["$ref"]!.GetValue<string>()));
            Assert.True(operation["requestBody"]!["required"]!.GetValue<bool>(), path);
        }
    }

    [Fact]
    public void QueryParameters_PerAction_MatchKubernetes()
    {
        var document = Build();
        string[] list = ["allowWatchBookmarks", "continue", "fieldSelector", "labelSelector", "limit", "resourceVersion",
            "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds", "watch"];
        var byAction = Operations(document)
            .Where(o => o.Operation["x-kubernetes-action"] is not null)
            .GroupBy(o => o.Operation["x-kubernetes-action"]!.GetValue<string>());

        foreach (var group in byAction)
        {
            string[] expected = group.Key switch
            {
                "list" => list,
                "post" or "put" => ["dryRun", "fieldManager", "fieldValidation"],
                "patch" => ["dryRun", "fieldManager", "fieldValidation", "force"],
                "delete" => ["dryRun", "gracePeriodSeconds", "orphanDependents", "propagationPolicy"],
                "deletecollection" =>
                [
                    "continue", "dryRun", "fieldSelector", "gracePeriodSeconds", "labelSelector", "limit", "orphanDependents",
                    "propagationPolicy", "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds",
                ],
                "get" => [],
                _ => throw new InvalidOperationException("unexpected action " + group.Key),
            };
            Assert.All(group, o => Assert.Equal(expected, ParameterNames(o.Operation)));
            Assert.All(group, o => Assert.All(o.Operation["parameters"]?.AsArray() ?? [], p =>
            {
                Assert.Equal("query", p!["in"]!.GetValue<string>());
                Assert.False(string.IsNullOrWhiteSpace(p["description"]!.GetValue<string>()));
                Assert.Contains(p["schema"]!["type"]!.GetValue<string>(), (string[])["string", "integer", "boolean"]);
            }));
        }
    }

    [Fact]
    public void PathItems_DeclareNameNamespaceAndPretty()
    {
        var paths = Build()["paths"]!;

        Assert.Equal(["name", "namespace", "pretty"], ParameterNames(paths[Prefix + "/namespaces/{namespace}/flunders/{name}"]!.AsObject()));
        Assert.Equal(["name", "namespace", "pretty"], ParameterNames(paths[Prefix + "/namespaces/{namespace}/flunders/{name}/status"]!.AsObject()));
        Assert.Equal(["namespace", "pretty"], ParameterNames(paths[Prefix + "/namespaces/{namespace}/flunders"]!.AsObject()));
        Assert.Equal(["pretty"], ParameterNames(paths[Prefix + "/flunders"]!.AsObject()));
        Assert.Equal(["name", "pretty"], ParameterNames(paths[Prefix + "/fischers/{name}"]!.AsObject()));

        var name = paths[Prefix + "/fischers/{name}"]!["parameters"]![0]!;
        Assert.Equal("""{"name":"name","in":"path","description":"name of the Fischer","required":true,"schema":{"type":"string"}}""",
            name.ToJsonString());
    }

    [Fact]
    public void Operations_CarryTheGvkAsOneObject_AndResponsesAreJsonOrYamlOnly()
    {
        foreach (var (path, method, operation) in Operations(Build()))
        {
            if (path == Prefix + "/")
            {
                continue;
            }

            var gvk = operation["x-kubernetes-group-version-kind"];
            Assert.True(gvk is JsonObject, $"{method} {path}");
            var kind = path.Contains("fischers", StringComparison.Ordinal) ? "Fischer" : "Flunder";
            Assert.Equal($$"""{"group":"wardle.example.com","version":"v1alpha1","kind":"{{kind}}"}""", gvk!.ToJsonString());

            var responses = operation["responses"]!.AsObject();
            Assert.Equal("""{"description":"Unauthorized"}""", responses["401"]!.ToJsonString());
            foreach (var (code, response) in responses.Where(r => r.Key != "401"))
            {
                var types = response!["content"]!.AsObject().Select(c => c.Key).ToList();
                Assert.DoesNotContain(types, t => t.Contains("protobuf", StringComparison.Ordinal));
                Assert.Equal(operation["x-kubernetes-action"]!.GetValue<string>() == "list"
                    ? ["application/json", "application/json;stream=watch", "application/yaml"]
                    : ["application/json", "application/yaml"], types);
            }
        }
    }

    [Theory]
    [InlineData("/namespaces/{namespace}/flunders", "post", "200,201,202,401")]
    [InlineData("/namespaces/{namespace}/flunders", "get", "200,401")]
    [InlineData("/namespaces/{namespace}/flunders", "delete", "200,401")]
    [InlineData("/namespaces/{namespace}/flunders/{name}", "get", "200,401")]
    [InlineData("/namespaces/{namespace}/flunders/{name}", "put", "200,201,401")]
    [InlineData("/namespaces/{namespace}/flunders/{name}", "patch", "200,201,401")]
    [InlineData("/namespaces/{namespace}/flunders/{name}", "delete", "200,202,401")]
    public void Responses_ListTheStatusCodesKubernetesLists(string path, string method, string codes)
    {
        var responses = Build()["paths"]![Prefix + path]![method]!["responses"]!.AsObject();

        Assert.Equal(codes, string.Join(',', responses.Select(r => r.Key)));
    }

    [Fact]
    public void Delete_TakesOptionalDeleteOptions_AndReturnsStatus()
    {
        var operation = Build()["paths"]![Prefix + "/namespaces/{namespace}/flunders/{name}"]!["delete"]!;

        Assert.Null(operation["requestBody"]!["required"]);
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
            operation["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Status",
            operation["responses"]!["202"]!["content"]!["application/yaml"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void ScaleSubresource_SpeaksAutoscalingV1Scale()
    {
        var document = Build(WardleResources.Flock());
        var scale = document["paths"]![Prefix + "/namespaces/{namespace}/flocks/{name}/scale"]!.AsObject();

        Assert.Equal(["get", "put", "patch", "parameters"], scale.Select(p => p.Key));
        Assert.Equal("readWardleExampleComV1alpha1NamespacedFlockScale", scale["get"]!["operationId"]!.GetValue<string>());
        Assert.Equal("patchWardleExampleComV1alpha1NamespacedFlockScale", scale["patch"]!["operationId"]!.GetValue<string>());
        foreach (var method in (string[])["get", "put", "patch"])
        {
            Assert.Equal("""{"group":"autoscaling","version":"v1","kind":"Scale"}""", scale[method]!["x-kubernetes-group-version-kind"]!.ToJsonString());
        }

        Assert.Equal("#/components/schemas/io.k8s.api.autoscaling.v1.Scale",
            scale["put"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("name of the Scale", scale["parameters"]![0]!["description"]!.GetValue<string>());

        var schema = document["components"]!["schemas"]!["io.k8s.api.autoscaling.v1.Scale"]!;
        Assert.Equal("""[{"group":"autoscaling","kind":"Scale","version":"v1"}]""", schema["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Null(Build()["components"]!["schemas"]!["io.k8s.api.autoscaling.v1.Scale"]);
    }

    [Fact]
    public void KindSchema_AddsTypeMetaAndObjectMeta_ToTheUserSchema()
    {
        var flunder = WardleResources.Flunder();
        var before = flunder.Schema.ToJsonString();

        var schema = Build(flunder)["components"]!["schemas"]![FlunderSchema]!.AsObject();

        Assert.Equal("A Flunder refers to another Flunder or to a Fischer.", schema["description"]!.GetValue<string>());
        Assert.Equal("object", schema["type"]!.GetValue<string>());
        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], schema["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("string", schema["properties"]!["apiVersion"]!["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(schema["properties"]!["kind"]!["description"]!.GetValue<string>()));
        var metadata = schema["properties"]!["metadata"]!;
        Assert.Equal("""[{"$ref":"#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"}]""", metadata["allOf"]!.ToJsonString());
        Assert.False(string.IsNullOrEmpty(metadata["description"]!.GetValue<string>()));
        Assert.Equal("Name of the referenced object.", schema["properties"]!["spec"]!["properties"]!["reference"]!["description"]!.GetValue<string>());
        Assert.Equal("""["spec"]""", schema["required"]!.ToJsonString());
        Assert.Equal("""[{"group":"wardle.example.com","kind":"Flunder","version":"v1alpha1"}]""",
            schema["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal(before, flunder.Schema.ToJsonString());
    }

    [Fact]
    public void KindSchema_FallsBackToTheSchemaDescription()
    {
        var schema = Build()["components"]!["schemas"]!["com.example.wardle.v1alpha1.Fischer"]!;

        Assert.Equal("A Fischer forbids some Flunders.", schema["description"]!.GetValue<string>());
    }

    [Fact]
    public void ListSchema_HoldsItemsOfTheKind()
    {
        var list = Build()["components"]!["schemas"]!["com.example.wardle.v1alpha1.FlunderList"]!;

        Assert.Equal("""["items"]""", list["required"]!.ToJsonString());
        Assert.Equal(["apiVersion", "items", "kind", "metadata"], list["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("#/components/schemas/" + FlunderSchema, list["properties"]!["items"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta",
            list["properties"]!["metadata"]!["allOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.Equal("""[{"group":"wardle.example.com","kind":"FlunderList","version":"v1alpha1"}]""",
            list["x-kubernetes-group-version-kind"]!.ToJsonString());
    }

    [Fact]
    public void MetaSchemas_AreAllPresent_WithDescribedObjectMeta()
    {
        var schemas = Build()["components"]!["schemas"]!.AsObject();

        foreach (var name in (string[])["ObjectMeta", "ListMeta", "Status", "StatusDetails", "StatusCause", "DeleteOptions",
            "Preconditions", "Patch", "WatchEvent", "Time", "ManagedFieldsEntry", "FieldsV1", "OwnerReference", "APIResource", "APIResourceList"])
        {
            Assert.True(schemas.ContainsKey("io.k8s.apimachinery.pkg.apis.meta.v1." + name), name);
        }

        Assert.True(schemas.ContainsKey("io.k8s.apimachinery.pkg.runtime.RawExtension"));
        var objectMeta = schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]!["properties"]!.AsObject();
        foreach (var field in (string[])["name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
            "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences",
            "finalizers", "managedFields"])
        {
            Assert.False(string.IsNullOrWhiteSpace(objectMeta[field]?["description"]?.GetValue<string>()), field);
        }

        Assert.Equal("int64", objectMeta["generation"]!["format"]!.GetValue<string>());
        Assert.Equal("date-time", schemas["io.k8s.apimachinery.pkg.apis.meta.v1.Time"]!["format"]!.GetValue<string>());
        Assert.Equal(
            """[{"group":"","kind":"DeleteOptions","version":"v1"},{"group":"wardle.example.com","kind":"DeleteOptions","version":"v1alpha1"}]""",
            schemas["io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"]!["x-kubernetes-group-version-kind"]!.ToJsonString());
    }

    [Fact]
    public void EveryReference_ResolvesInsideTheDocument()
    {
        var document = Build(WardleResources.Flunder(), WardleResources.Fischer(), WardleResources.Flock());

        var references = References(document).Distinct().ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r =>
        {
            Assert.StartsWith("#/components/schemas/", r, StringComparison.Ordinal);
            Assert.True(Resolve(document, r) is JsonObject, $"unresolved {r}");
        });
    }

    [Fact]
    public void Output_IsDeterministic_WhateverTheInputOrder()
    {
        var first = Build(WardleResources.Flunder(), WardleResources.Fischer(), WardleResources.Flock()).ToJsonString();
        var again = Build(WardleResources.Flunder(), WardleResources.Fischer(), WardleResources.Flock()).ToJsonString();
        var reversed = Build(WardleResources.Flock(), WardleResources.Fischer(), WardleResources.Flunder()).ToJsonString();

        Assert.Equal(first, again);
        Assert.Equal(first, reversed);
        var schemaNames = JsonNode.Parse(first)!["components"]!["schemas"]!.AsObject().Select(s => s.Key).ToList();
        Assert.Equal(schemaNames.Order(StringComparer.Ordinal), schemaNames);
    }

    [Fact]
    public void Documents_DoNotShareNodes()
    {
        var first = Build();
        var second = Build();

        first["components"]!["schemas"]!["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]!["description"] = "changed";

        Assert.NotEqual("changed", second["components"]!["schemas"]!["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]!["description"]!.GetValue<string>());
        Assert.NotEqual("changed", Build()["components"]!["schemas"]!["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public void ResourcesOfOtherGroupVersions_AreLeftOut()
    {
        var document = Build(WardleResources.Flunder(), WardleResources.Flunder("v1beta1"));

        Assert.DoesNotContain(document["paths"]!.AsObject(), p => p.Key.Contains("v1beta1", StringComparison.Ordinal));
        Assert.Null(document["components"]!["schemas"]!["com.example.wardle.v1beta1.Flunder"]);
    }

    [Fact]
    public void TwoResourcesWithOnePlural_AreRejected()
    {
        var clash = new ResourceDefinition
        {
            Group = WardleResources.Group,
            Version = WardleResources.Version,
            Kind = "Other",
            Plural = "flunders",
            Schema = new JsonObject { ["type"] = "object" },
        };

        Assert.Throws<InvalidOperationException>(() => Build(WardleResources.Flunder(), clash));
    }
}
