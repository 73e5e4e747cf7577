using System.Net;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary>fieldValidation: Strict rejects unknown and duplicate fields, Warn (the default) warns, Ignore drops silently.</summary>
[Collection(RawHttpCollection.Name)]
public sealed class FieldValidationTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private string WithBogusField(string name)
    {
        var body = WardleApi.NewFlunder(name, ns, "r");
        body["spec"]!["bogus"] = 1;
        return body.ToJsonString();
    }

    private static IReadOnlyList<string> Warnings(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Warning", out var values) ? values.ToList() : [];

    [Fact]
    public async Task Strict_rejects_an_unknown_field_with_400_naming_it()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns) + "?fieldValidation=Strict", WithBogusField("strict-unknown"));

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("unknown field \"spec.bogus\"", status.Message());
        await server.ShouldHoldNoFlundersAsync(ns);
    }

    [Fact]
    public async Task Strict_rejects_a_duplicate_field_with_400()
    {
        var body = $$$"""{"apiVersion":"wardle.example.com/v1alpha1","kind":"Flunder","metadata":{"name":"strict-dup","namespace":"{{{ns}}}"},"spec":{"reference":"a","reference":"b"}}""";

        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns) + "?fieldValidation=Strict", body);

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("duplicate field", status.Message());
        Assert.Contains("reference", status.Message());
        await server.ShouldHoldNoFlundersAsync(ns);
    }

    [Fact]
    public async Task Warn_creates_the_object_drops_the_field_and_sends_a_Warning_header()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns) + "?fieldValidation=Warn", WithBogusField("warned"));

        var created = await server.Api.ExpectJsonAsync(response, HttpStatusCode.Created);
        var warnings = Warnings(response);
        Assert.True(warnings.Any(w => w.StartsWith("299 ", StringComparison.Ordinal) && w.Contains("unknown field \\\"spec.bogus\\\"", StringComparison.Ordinal)),
            server.Explain($"expected Warning: 299 - \"unknown field \\\"spec.bogus\\\"\"; got [{string.Join(" | ", warnings)}]"));
        Assert.Null(created["spec"]!["bogus"]);
        Assert.Null((await server.Api.GetAsync(WardleApi.Flunder(ns, "warned")))["spec"]!["bogus"]);
    }

    [Fact]
    public async Task Without_fieldValidation_the_default_is_Warn()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns), WithBogusField("defaulted"));

        await server.Api.ExpectJsonAsync(response, HttpStatusCode.Created);
        Assert.True(Warnings(response).Any(w => w.Contains("unknown field", StringComparison.Ordinal)),
            server.Explain("expected a Warning header for the unknown field"));
    }

    [Fact]
    public async Task Ignore_creates_the_object_without_a_warning()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns) + "?fieldValidation=Ignore", WithBogusField("ignored"));

        var created = await server.Api.ExpectJsonAsync(response, HttpStatusCode.Created);
        Assert.Empty(Warnings(response));
        Assert.Null(created["spec"]!["bogus"]);
    }

    [Fact]
    public async Task An_invalid_fieldValidation_value_is_422()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns) + "?fieldValidation=Loose",
            WardleApi.NewFlunder("loose", ns, "r").ToJsonString());

        await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        await server.ShouldHoldNoFlundersAsync(ns);
    }
}
