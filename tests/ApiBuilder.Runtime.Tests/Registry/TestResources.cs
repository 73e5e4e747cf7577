using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Storage.Memory;
using ApiBuilder.Runtime.Tables;

namespace ApiBuilder.Runtime.Tests.Registry;

/// <summary>A Flunder-like resource and a store over memory storage, for registry tests.</summary>
internal static class TestResources
{
    public static ResourceDefinition Widget(bool status = true) => new()
    {
        Group = "test.example.com",
        Version = "v1",
        Kind = "Widget",
        Plural = "widgets",
        HasStatusSubresource = status,
        Schema = (JsonObject)JsonNode.Parse("""
        {"type":"object","properties":{
          "spec":{"type":"object","properties":{
            "size":{"type":"integer","minimum":1},
            "color":{"type":"string","enum":["red","blue"],"default":"red"},
            "name":{"type":"string","maxLength":5}}},
          "status":{"type":"object","properties":{"phase":{"type":"string"}}}}}
        """)!,
    };

    /// <summary>A namespaced Kind with one free text field, for request-body tests.</summary>
    public static ResourceDefinition Note() => new()
    {
        Group = "test.example.com",
        Version = "v1",
        Kind = "Note",
        Plural = "notes",
        Schema = (JsonObject)JsonNode.Parse("""{"type":"object","properties":{"spec":{"type":"object","properties":{"text":{"type":"string"}}}}}""")!,
    };

    public static ResourceStore Store(ResourceDefinition? definition = null, params IAdmissionPlugin[] plugins)
    {
        var registry = new ResourceRegistry();
        var store = new ResourceStore(new ResourceModel(definition ?? Widget()), new MemoryStorage(), new AdmissionChain(plugins, registry), TimeProvider.System);
        registry.Add(new ServedResource(store, new TableConvertor(store.Definition, TimeProvider.System)));
        return store;
    }

    public static WriteContext Context(FieldValidation validation = FieldValidation.Strict, bool dryRun = false) =>
        new() { UserName = "tester", FieldValidation = validation, DryRun = dryRun };

    public static JsonObject Widget(string name, int size = 1, JsonObject? extra = null)
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = "test.example.com/v1",
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["size"] = size },
        };
        foreach (var (key, value) in extra ?? [])
        {
            obj[key] = value?.DeepClone();
        }

        return obj;
    }

    public static UpdateRequest Replace(JsonObject body, string subresource = "") =>
        new(_ => (JsonObject)body.DeepClone(), IsPatch: false, subresource);

    public static UpdateRequest Merge(string patch, string subresource = "") =>
        new(current => (JsonObject)Runtime.Patch.JsonMergePatch.Apply(current, JsonNode.Parse(patch))!, IsPatch: true, subresource);
}
