using System.Net;
using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary>Objects that decode but break the schema or metadata rules: 422 Invalid with the offending field.</summary>
[Collection(RawHttpCollection.Name)]
public sealed class ObjectValidationTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private async Task<JsonObject> PostInvalidAsync(JsonObject body, string expectedField)
    {
        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns), body.ToJsonString());
        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        Assert.True(status.CauseFields().Any(f => f.StartsWith(expectedField, StringComparison.Ordinal)),
            server.Explain($"expected a cause for field {expectedField}; got {status.ToJsonString()}"));
        await server.ShouldHoldNoFlundersAsync(ns);
        return status;
    }

    [Fact]
    public async Task An_invalid_name_is_422_with_a_cause_on_metadata_name()
    {
        var status = await PostInvalidAsync(WardleApi.NewFlunder("Bad_Name", ns, "r"), "metadata.name");

        Assert.StartsWith("Flunder.wardle.example.com \"Bad_Name\" is invalid", status.Message());
        Assert.Equal("Flunder", status["details"]?["kind"]?.GetValue<string>());
    }

    [Fact]
    public async Task An_invalid_label_value_is_422()
    {
        await PostInvalidAsync(WardleApi.NewFlunder("bad-label", ns, "r", new Dictionary<string, string> { ["app"] = "not a valid value!" }), "metadata.labels");
    }

    [Fact]
    public async Task A_number_where_the_schema_wants_a_string_is_422()
    {
        var body = WardleApi.NewFlunder("wrong-type", ns);
        body["spec"]!["reference"] = 5;

        await PostInvalidAsync(body, "spec.reference");
    }

    [Fact]
    public async Task A_patch_setting_a_number_where_the_schema_wants_a_string_is_422()
    {
        var before = await server.Api.CreateFlunderAsync(ns, "patched-wrong-type", "r");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, WardleApi.Flunder(ns, "patched-wrong-type"),
            """{"spec":{"reference":5}}""", "application/merge-patch+json");

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        Assert.Contains("spec.reference", status.CauseFields());
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, "patched-wrong-type"), before);
    }

    [Fact]
    public async Task A_value_outside_the_enum_is_422_listing_the_supported_values()
    {
        var body = WardleApi.NewFlunder("bad-enum", ns, "r");
        body["spec"]!["referenceType"] = "Sprocket";

        var status = await PostInvalidAsync(body, "spec.referenceType");
        Assert.Contains("\"Fischer\"", status.Message());
        Assert.Contains("\"Flunder\"", status.Message());
    }

    [Fact]
    public async Task A_reference_type_without_a_reference_is_422()
    {
        var body = WardleApi.NewFlunder("type-only", ns);
        body["spec"]!["referenceType"] = "Fischer";

        await PostInvalidAsync(body, "spec.reference");
    }

    [Fact]
    public async Task Annotations_over_256_KiB_in_total_are_422()
    {
        var body = WardleApi.NewFlunder("heavy", ns, "r");
        body["metadata"]!["annotations"] = new JsonObject { ["example.com/blob"] = new string('x', 300 * 1024) };

        await PostInvalidAsync(body, "metadata.annotations");
    }

    [Fact]
    public async Task A_name_longer_than_253_characters_is_422()
    {
        await PostInvalidAsync(WardleApi.NewFlunder(new string('a', 254), ns, "r"), "metadata.name");
    }
}
