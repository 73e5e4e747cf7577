using System.Net;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary>
/// Numbers bound for int64 fields the client may send (ObjectMeta's generation and
/// deletionGracePeriodSeconds, DeleteOptions' gracePeriodSeconds, list limit and timeoutSeconds):
/// a float, an exponent, a value beyond int64 or a string, boolean, object or array is refused as
/// kube-apiserver's decoder refuses it,
/// and nothing is stored or deleted.
/// </summary>
[Collection(RawHttpCollection.Name)]
public sealed class Int64FieldTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    [Theory]
    [InlineData("generation", "1e400")]
    [InlineData("generation", "9223372036854775808")]
    [InlineData("generation", "-9223372036854775809")]
    [InlineData("generation", "1.5")]
    [InlineData("generation", "1e2")]
    [InlineData("deletionGracePeriodSeconds", "1e400")]
    [InlineData("deletionGracePeriodSeconds", "9223372036854775808")]
    [InlineData("deletionGracePeriodSeconds", "2.5")]
    [InlineData("generation", "\"1\"")]
    [InlineData("generation", "true")]
    [InlineData("generation", "{}")]
    [InlineData("deletionGracePeriodSeconds", "[1]")]
    public async Task A_create_with_a_metadata_number_no_int64_holds_is_400(string field, string number)
    {
        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns),
            $$$"""{"apiVersion":"wardle.example.com/v1alpha1","kind":"Flunder","metadata":{"name":"n","{{{field}}}":{{{number}}}},"spec":{}}""");

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains(field, status.Message());
        await server.ShouldHoldNoFlundersAsync(ns);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("1.5")]
    [InlineData("1e400")]
    public async Task A_yaml_create_with_a_generation_no_int64_holds_is_400(string number)
    {
        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns),
            $"apiVersion: wardle.example.com/v1alpha1\nkind: Flunder\nmetadata:\n  name: n\n  generation: {number}\nspec: {{}}\n", "application/yaml");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        await server.ShouldHoldNoFlundersAsync(ns);
    }

    [Fact]
    public async Task A_create_with_an_int64_generation_is_accepted_and_the_server_sets_it()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns),
            """{"apiVersion":"wardle.example.com/v1alpha1","kind":"Flunder","metadata":{"name":"n","generation":9223372036854775807},"spec":{}}""");

        var created = await server.Api.ExpectJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_update_with_generation_beyond_int64_is_400_and_changes_nothing()
    {
        var before = await server.Api.CreateFlunderAsync(ns, "put");
        var body = before.ToJsonString().Replace("\"generation\":1", "\"generation\":9223372036854775808", StringComparison.Ordinal);

        using var response = await server.Api.SendAsync(HttpMethod.Put, WardleApi.Flunder(ns, "put"), body);

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, "put"), before);
    }

    [Theory]
    [InlineData("application/merge-patch+json", """{"metadata":{"generation":9223372036854775808}}""")]
    [InlineData("application/json-patch+json", """[{"op":"replace","path":"/metadata/generation","value":1.5}]""")]
    [InlineData("application/json-patch+json", """[{"op":"add","path":"/metadata/deletionGracePeriodSeconds","value":1e30}]""")]
    [InlineData("application/merge-patch+json", """{"metadata":{"generation":"2"}}""")]
    public async Task A_patch_that_sets_a_metadata_number_no_int64_holds_is_422_on_patch(string contentType, string patch)
    {
        var before = await server.Api.CreateFlunderAsync(ns, "patched");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, WardleApi.Flunder(ns, "patched"), patch, contentType);

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        Assert.Equal(["patch"], status.CauseFields());
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, "patched"), before);
    }

    [Fact]
    public async Task A_merge_patch_with_a_number_beyond_float64_is_400()
    {
        var before = await server.Api.CreateFlunderAsync(ns, "huge");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, WardleApi.Flunder(ns, "huge"),
            """{"metadata":{"generation":1e400}}""", "application/merge-patch+json");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, "huge"), before);
    }

    [Theory]
    [InlineData("""{"gracePeriodSeconds":1e400}""")]
    [InlineData("""{"gracePeriodSeconds":9223372036854775808}""")]
    [InlineData("""{"gracePeriodSeconds":1.5}""")]
    [InlineData("""{"gracePeriodSeconds":"5"}""")]
    public async Task DeleteOptions_with_a_gracePeriodSeconds_no_int64_holds_is_400_and_nothing_is_deleted(string options)
    {
        var before = await server.Api.CreateFlunderAsync(ns, "kept");

        using var response = await server.Api.SendAsync(HttpMethod.Delete, WardleApi.Flunder(ns, "kept"), options);

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, "kept"), before);
    }

    [Theory]
    [InlineData("gracePeriodSeconds=9223372036854775808")]
    [InlineData("gracePeriodSeconds=1.5")]
    [InlineData("gracePeriodSeconds=1e400")]
    [InlineData("orphanDependents=maybe")]
    public async Task Delete_query_options_that_do_not_parse_are_400_and_nothing_is_deleted(string query)
    {
        var before = await server.Api.CreateFlunderAsync(ns, "kept");

        using var response = await server.Api.SendAsync(HttpMethod.Delete, WardleApi.Flunder(ns, "kept") + "?" + query);

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, "kept"), before);
    }

    [Theory]
    [InlineData("limit=9223372036854775808")]
    [InlineData("limit=1e400")]
    [InlineData("limit=1.5")]
    [InlineData("timeoutSeconds=9223372036854775808")]
    [InlineData("timeoutSeconds=1e400")]
    public async Task List_options_no_int64_holds_are_400(string query)
    {
        using var response = await server.Api.SendAsync(HttpMethod.Get, WardleApi.Flunders(ns) + "?" + query);

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
    }
}
