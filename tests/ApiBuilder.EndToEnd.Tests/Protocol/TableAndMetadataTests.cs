using System.Net;
using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Protocol;

/// <summary>The Table and PartialObjectMetadata representations (protocol §4.12).</summary>
[Collection(ProtocolCollection.Name)]
public sealed class TableAndMetadataTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private async Task<JsonObject> TableAsync(string query = "")
    {
        await server.Api.CreateFlunderAsync(ns, "row", "target", new Dictionary<string, string> { ["app"] = "web" });
        return await server.Api.GetAsync($"{WardleApi.Flunders(ns)}{query}", MediaTypes.Table);
    }

    private static JsonNode? RowObject(JsonObject table) => table["rows"]!.AsArray().Single()!["object"];

    [Fact]
    public async Task Table_has_the_printer_columns_and_one_cell_per_column()
    {
        var table = await TableAsync();

        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io/v1", table["apiVersion"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(table["metadata"]?["resourceVersion"]?.GetValue<string>()), server.Explain("Table metadata.resourceVersion missing"));
        var columns = table["columnDefinitions"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(["Name", "Reference", "Type", "Phase", "Age"], columns.Select(c => c["name"]!.GetValue<string>()));
        Assert.Equal("name", columns[0]["format"]!.GetValue<string>());
        Assert.Equal(1, columns[3]["priority"]!.GetValue<int>());
        Assert.Equal("date", columns[4]["type"]!.GetValue<string>());

        var cells = table["rows"]!.AsArray().Single()!["cells"]!.AsArray();
        Assert.Equal(columns.Count, cells.Count);
        Assert.Equal("row", cells[0]!.GetValue<string>());
        Assert.Equal("target", cells[1]!.GetValue<string>());
        Assert.Equal("Flunder", cells[2]!.GetValue<string>());
    }

    [Fact]
    public async Task Include_object_Metadata_is_the_default_and_carries_PartialObjectMetadata()
    {
        await server.Api.CreateFlunderAsync(ns, "row", "target", new Dictionary<string, string> { ["app"] = "web" });

        foreach (var query in new[] { "", "?includeObject=Metadata" })
        {
            var obj = RowObject(await server.Api.GetAsync($"{WardleApi.Flunders(ns)}{query}", MediaTypes.Table))!;

            Assert.Equal("PartialObjectMetadata", obj["kind"]?.GetValue<string>());
            Assert.Equal("meta.k8s.io/v1", obj["apiVersion"]?.GetValue<string>());
            Assert.Equal("row", obj["metadata"]!["name"]!.GetValue<string>());
            Assert.Equal(ns, obj["metadata"]!["namespace"]!.GetValue<string>());
            Assert.Equal("web", obj["metadata"]!["labels"]!["app"]!.GetValue<string>());
            Assert.Null(obj["spec"]);
        }
    }

    [Fact]
    public async Task Include_object_Object_carries_the_full_object()
    {
        var obj = RowObject(await TableAsync("?includeObject=Object"))!;

        Assert.Equal("Flunder", obj["kind"]?.GetValue<string>());
        Assert.Equal("wardle.example.com/v1alpha1", obj["apiVersion"]?.GetValue<string>());
        Assert.Equal("target", obj["spec"]!["reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task Include_object_None_leaves_rows_without_objects()
    {
        var table = await TableAsync("?includeObject=None");

        Assert.Null(RowObject(table));
        Assert.Equal(5, table["rows"]!.AsArray().Single()!["cells"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_unknown_include_object_value_is_400()
    {
        await server.Api.CreateFlunderAsync(ns, "row", "target");

        using var response = await server.Api.SendAsync(HttpMethod.Get, $"{WardleApi.Flunders(ns)}?includeObject=Everything", accept: MediaTypes.Table);

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task Get_of_one_object_as_Table_has_one_row()
    {
        await server.Api.CreateFlunderAsync(ns, "single", "target");

        var table = await server.Api.GetAsync(WardleApi.Flunder(ns, "single"), MediaTypes.Table);

        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal("single", table["rows"]!.AsArray().Single()!["cells"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task PartialObjectMetadataList_has_metadata_only_items()
    {
        await server.Api.CreateFlunderAsync(ns, "meta-a", "x");
        await server.Api.CreateFlunderAsync(ns, "meta-b", "y");

        var list = await server.Api.GetAsync(WardleApi.Flunders(ns), MediaTypes.PartialObjectMetadataList);

        Assert.Equal("PartialObjectMetadataList", list["kind"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io/v1", list["apiVersion"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(list["metadata"]?["resourceVersion"]?.GetValue<string>()), server.Explain("list metadata.resourceVersion missing"));
        var items = list["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(["meta-a", "meta-b"], items.Select(i => i["metadata"]!["name"]!.GetValue<string>()).Order());
        Assert.All(items, i => Assert.Equal("PartialObjectMetadata", i["kind"]?.GetValue<string>()));
        Assert.All(items, i => Assert.Null(i["spec"]));
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i["metadata"]?["uid"]?.GetValue<string>())));
    }

    [Fact]
    public async Task PartialObjectMetadata_for_one_object()
    {
        await server.Api.CreateFlunderAsync(ns, "meta-one", "x");

        var obj = await server.Api.GetAsync(WardleApi.Flunder(ns, "meta-one"), MediaTypes.PartialObjectMetadata);

        Assert.Equal("PartialObjectMetadata", obj["kind"]!.GetValue<string>());
        Assert.Equal("meta-one", obj["metadata"]!["name"]!.GetValue<string>());
        Assert.Null(obj["spec"]);
    }
}
