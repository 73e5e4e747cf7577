using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary>Server-side apply over HTTP: create-on-apply, the conflict Status, and bad input answered with a Status that changes nothing.</summary>
[Collection(RawHttpCollection.Name)]
public sealed class ApplyErrorTests(WardleServer server)
{
    private const string Apply = "application/apply-patch+yaml";
    private readonly string ns = Names.Namespace();

    private async Task<(string Path, JsonObject Before)> TargetAsync(string name)
    {
        var before = await server.Api.CreateFlunderAsync(ns, name, "original");
        return (WardleApi.Flunder(ns, name), before);
    }

    private string Yaml(string name, string reference, string apiVersion = WardleApi.GroupVersion, string kind = "Flunder") => $"""
        apiVersion: {apiVersion}
        kind: {kind}
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          reference: {reference}
        """;

    [Fact]
    public async Task Apply_to_a_missing_object_creates_it_with_201()
    {
        var path = WardleApi.Flunder(ns, "apply-created");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path + "?fieldManager=raw", Yaml("apply-created", "r"), Apply);

        var created = await server.Api.ExpectJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("r", (string)created["spec"]!["reference"]!);
        var entry = Assert.Single(created["metadata"]!["managedFields"]!.AsArray())!;
        Assert.Equal("raw", (string)entry["manager"]!);
        Assert.Equal("Apply", (string)entry["operation"]!);
    }

    [Fact]
    public async Task A_dry_run_apply_creates_nothing()
    {
        var path = WardleApi.Flunder(ns, "apply-dry");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path + "?fieldManager=raw&dryRun=All", Yaml("apply-dry", "r"), Apply);

        await server.Api.ExpectJsonAsync(response, HttpStatusCode.Created);
        await server.ShouldNotExistAsync(path);
    }

    [Fact]
    public async Task A_conflict_is_409_with_a_FieldManagerConflict_cause_per_field()
    {
        var (path, _) = await TargetAsync("apply-conflict");
        using (var first = await server.Api.SendAsync(HttpMethod.Patch, path + "?fieldManager=mine", Yaml("apply-conflict", "original"), Apply))
        {
            await server.Api.ExpectJsonAsync(first, HttpStatusCode.OK);
        }

        var before = await server.Api.GetAsync(path);
        using var response = await server.Api.SendAsync(HttpMethod.Patch, path + "?fieldManager=theirs", Yaml("apply-conflict", "other"), Apply);

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.Conflict, "Conflict");
        // The creator (an Update) and the first applier share the field.
        Assert.StartsWith("Apply failed with 2 conflicts: conflicts with \"", status.Message());
        Assert.Contains("conflicts with \"mine\":\n- .spec.reference", status.Message());
        var causes = status["details"]!["causes"]!.AsArray();
        Assert.All(causes, c => Assert.Equal("FieldManagerConflict", (string)c!["reason"]!));
        Assert.Contains(causes, c => (string)c!["field"]! == ".spec.reference");
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task Apply_without_fieldManager_is_422()
    {
        var (path, before) = await TargetAsync("apply-no-manager");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path, Yaml("apply-no-manager", "x"), Apply);

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", status.Message());
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Theory]
    [InlineData("a\u0007b", "FieldValueInvalid")]
    [InlineData("m0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789", "FieldValueTooLong")]
    public async Task An_invalid_fieldManager_is_422(string manager, string reason)
    {
        var (path, before) = await TargetAsync("apply-bad-manager-" + reason.ToLowerInvariant());

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path + "?fieldManager=" + Uri.EscapeDataString(manager), """{"spec":{"reference":"x"}}""", "application/merge-patch+json");

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        Assert.Equal(reason, (string)status["details"]!["causes"]![0]!["reason"]!);
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Theory]
    [InlineData("{not: [yaml")]
    [InlineData("- a list\n- not an object\n")]
    [InlineData("just a string")]
    public async Task A_body_that_is_not_an_object_is_400(string body)
    {
        var (path, before) = await TargetAsync("apply-bad-body-" + Math.Abs(body.GetHashCode(StringComparison.Ordinal)) % 1000);

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path + "?fieldManager=raw", body, Apply);

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        Assert.StartsWith("error decoding YAML", status.Message());
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Theory]
    [InlineData("wardle.example.com/v1", "Flunder", "invalid object type: wardle.example.com/v1, Kind=Flunder")]
    [InlineData("wardle.example.com/v1alpha1", "Fischer", "invalid object type: wardle.example.com/v1alpha1, Kind=Fischer")]
    [InlineData("v1", "Flunder", "invalid object type: /v1, Kind=Flunder")]
    public async Task A_body_of_another_type_is_400(string apiVersion, string kind, string message)
    {
        var (path, before) = await TargetAsync("apply-wrong-type-" + kind.ToLowerInvariant() + apiVersion.Length);

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path + "?fieldManager=raw", Yaml("x", "y", apiVersion, kind), Apply);

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Equal(message, status.Message());
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_body_naming_another_object_is_400()
    {
        var (path, before) = await TargetAsync("apply-name");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path + "?fieldManager=raw", Yaml("someone-else", "y"), Apply);

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Equal("the name of the object (someone-else) does not match the name on the URL (apply-name)", status.Message());
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_body_carrying_managedFields_is_400()
    {
        var (path, before) = await TargetAsync("apply-managed");
        var body = Yaml("apply-managed", "y").Replace("  namespace:", "  managedFields: [{manager: x}]\n  namespace:", StringComparison.Ordinal);

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path + "?fieldManager=raw", body, Apply);

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Equal("metadata.managedFields must be nil", status.Message());
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_deeply_nested_body_is_refused_with_a_Status()
    {
        var (path, before) = await TargetAsync("apply-deep");
        var deep = new StringBuilder("{\"apiVersion\":\"wardle.example.com/v1alpha1\",\"kind\":\"Flunder\",\"spec\":");
        deep.Append(string.Concat(Enumerable.Repeat("{\"a\":", 5000))).Append('1').Append('}', 5000).Append('}');

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path + "?fieldManager=raw", deep.ToString(), Apply);

        Assert.True((int)response.StatusCode is >= 400 and < 500, server.Explain($"expected a 4xx; got {(int)response.StatusCode}"));
        await response.ShouldBeStatusAsync(server, response.StatusCode, (await response.Content.ReadAsStringAsync()).Contains("\"BadRequest\"", StringComparison.Ordinal) ? "BadRequest" : "RequestEntityTooLarge");
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_413()
    {
        var (path, before) = await TargetAsync("apply-huge");
        var huge = Yaml("apply-huge", new string('x', 4 * 1024 * 1024));

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path + "?fieldManager=raw", huge, Apply);

        await response.ShouldBeStatusAsync(server, HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task Force_on_a_merge_patch_is_still_refused()
    {
        var (path, before) = await TargetAsync("apply-force-merge");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path + "?force=true", """{"spec":{"reference":"x"}}""", "application/merge-patch+json");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        await server.ShouldBeUnchangedAsync(path, before);
    }
}
