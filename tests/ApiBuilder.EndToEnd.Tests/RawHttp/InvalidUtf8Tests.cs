using System.Net;
using System.Text;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary>
/// Text that is not Unicode: bytes that are not UTF-8, or a lone surrogate escape (<c>"\ud800"</c>).
/// Every body any verb reads is refused with 400 BadRequest (never 500) and storage is left as it
/// was; query strings and paths with such bytes get a 4xx Status or an ordinary answer.
/// </summary>
[Collection(RawHttpCollection.Name)]
public sealed class InvalidUtf8Tests(WardleServer server)
{
    private const string Target = "utf8-target";

    private readonly string ns = Names.Namespace();

    /// <summary>What stands in for <c>BAD</c> (inside a quoted string) in a body template.</summary>
    private static readonly Dictionary<string, Func<string, byte[]>> Variants = new()
    {
        ["invalid byte"] = _ => [(byte)'k', 0xff],
        ["truncated sequence"] = _ => [(byte)'k', 0xc3],
        ["lone surrogate escape"] = _ => Encoding.ASCII.GetBytes(@"k\ud800"),
    };

    private sealed record Request(HttpMethod Method, Func<string, string> Path, string ContentType, string Template);

    private const string Object = """{"apiVersion":"wardle.example.com/v1alpha1","kind":"Flunder","metadata":{"name":"NAME","annotations":{"BAD":"v"}},"spec":{"reference":"r"}}""";
    private const string ObjectYaml = "apiVersion: wardle.example.com/v1alpha1\nkind: Flunder\nmetadata:\n  name: NAME\n  annotations:\n    \"BAD\": v\nspec:\n  reference: r\n";
    private const string MergePatch = """{"metadata":{"annotations":{"BAD":"v"}}}""";
    private const string JsonPatch = """[{"op":"add","path":"/metadata/annotations","value":{"BAD":"v"}}]""";
    private const string Options = """{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"BAD"}}""";
    private const string OptionsYaml = "kind: DeleteOptions\napiVersion: v1\npreconditions:\n  uid: \"BAD\"\n";

    /// <summary>Every verb that reads a body, with every content type it accepts.</summary>
    private static readonly Dictionary<string, Request> Requests = new()
    {
        ["create json"] = new(HttpMethod.Post, ns => WardleApi.Flunders(ns), "application/json", Object.Replace("NAME", "created")),
        ["create yaml"] = new(HttpMethod.Post, ns => WardleApi.Flunders(ns), "application/yaml", ObjectYaml.Replace("NAME", "created")),
        ["update json"] = new(HttpMethod.Put, ns => WardleApi.Flunder(ns, Target), "application/json", Object.Replace("NAME", Target)),
        ["update yaml"] = new(HttpMethod.Put, ns => WardleApi.Flunder(ns, Target), "application/yaml", ObjectYaml.Replace("NAME", Target)),
        ["update status"] = new(HttpMethod.Put, ns => WardleApi.Flunder(ns, Target) + "/status", "application/json", Object.Replace("NAME", Target)),
        ["merge patch"] = new(HttpMethod.Patch, ns => WardleApi.Flunder(ns, Target), "application/merge-patch+json", MergePatch),
        ["json patch"] = new(HttpMethod.Patch, ns => WardleApi.Flunder(ns, Target), "application/json-patch+json", JsonPatch),
        ["strategic merge patch"] = new(HttpMethod.Patch, ns => WardleApi.Flunder(ns, Target), "application/strategic-merge-patch+json", MergePatch),
        ["strategic merge patch status"] = new(HttpMethod.Patch, ns => WardleApi.Flunder(ns, Target) + "/status", "application/strategic-merge-patch+json", MergePatch),
        ["merge patch status"] = new(HttpMethod.Patch, ns => WardleApi.Flunder(ns, Target) + "/status", "application/merge-patch+json", MergePatch),
        ["json patch status"] = new(HttpMethod.Patch, ns => WardleApi.Flunder(ns, Target) + "/status", "application/json-patch+json", JsonPatch),
        ["delete json"] = new(HttpMethod.Delete, ns => WardleApi.Flunder(ns, Target), "application/json", Options),
        ["delete yaml"] = new(HttpMethod.Delete, ns => WardleApi.Flunder(ns, Target), "application/yaml", OptionsYaml),
        ["deletecollection json"] = new(HttpMethod.Delete, ns => WardleApi.Flunders(ns), "application/json", Options),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var request in Requests.Keys)
        {
            foreach (var variant in Variants.Keys)
            {
                data.Add(request, variant);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_body_that_is_not_unicode_is_400_and_changes_nothing(string requestName, string variant)
    {
        var before = await server.Api.CreateFlunderAsync(ns, Target);
        var request = Requests[requestName];
        var body = Splice(request.Template, Variants[variant](request.ContentType));

        using var response = await server.Api.SendBytesAsync(request.Method, request.Path(ns), body, request.ContentType);

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, Target), before);
        await server.ShouldNotExistAsync(WardleApi.Flunder(ns, "created"));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', 0xff })]
    [InlineData(new byte[] { (byte)'a', (byte)'\\', (byte)'u', (byte)'d', (byte)'8', (byte)'0', (byte)'0' })]
    public async Task A_name_that_is_not_unicode_is_400(byte[] name)
    {
        var body = Splice("""{"apiVersion":"wardle.example.com/v1alpha1","kind":"Flunder","metadata":{"name":"BAD"},"spec":{}}""", name);

        using var response = await server.Api.SendBytesAsync(HttpMethod.Post, WardleApi.Flunders(ns), body);

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        await server.ShouldHoldNoFlundersAsync(ns);
    }

    [Theory]
    [InlineData("labelSelector=%ff")]
    [InlineData("labelSelector=a%3D%ff")]
    [InlineData("labelSelector=a%3D%c3")]
    [InlineData("fieldSelector=%ff")]
    [InlineData("fieldSelector=metadata.name%3D%ff")]
    [InlineData("continue=%ff")]
    [InlineData("resourceVersion=%ff")]
    [InlineData("limit=%ff")]
    [InlineData("watch=true&labelSelector=%ff")]
    [InlineData("watch=true&timeoutSeconds=%ff")]
    public async Task A_query_with_invalid_percent_encoded_utf8_gets_an_answer_not_a_5xx(string query)
    {
        using var response = await server.Api.SendAsync(HttpMethod.Get, $"{WardleApi.Flunders(ns)}?{query}");

        await ShouldBeListOrClientErrorAsync(response);
    }

    [Theory]
    [InlineData("GET", "/apis/wardle.example.com/v1alpha1/namespaces/NS/flunders/%ff")]
    [InlineData("DELETE", "/apis/wardle.example.com/v1alpha1/namespaces/NS/flunders/%ff")]
    [InlineData("PUT", "/apis/wardle.example.com/v1alpha1/namespaces/NS/flunders/%ff")]
    [InlineData("GET", "/apis/wardle.example.com/v1alpha1/namespaces/%ff/flunders/x")]
    [InlineData("POST", "/apis/wardle.example.com/v1alpha1/namespaces/%ff/flunders")]
    [InlineData("GET", "/apis/wardle.example.com/%ff")]
    [InlineData("GET", "/apis/wardle.example.com/v1alpha1/%c3")]
    public async Task A_path_with_invalid_percent_encoded_utf8_is_a_4xx_Status(string method, string path)
    {
        var body = method is "PUT" or "POST" ? WardleApi.NewFlunder("x", ns, "r").ToJsonString() : null;

        using var response = await server.Api.SendAsync(new HttpMethod(method), path.Replace("NS", ns, StringComparison.Ordinal), body);

        var code = (int)response.StatusCode;
        Assert.True(code is >= 400 and < 500, server.Explain($"expected a 4xx; got {WardleApi.Describe(response, await response.Content.ReadAsStringAsync())}"));
        await response.ShouldBeStatusAsync(server, response.StatusCode, ReasonOf(code));
        await server.ShouldHoldNoFlundersAsync(ns);
    }

    private async Task ShouldBeListOrClientErrorAsync(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        if (code == 200)
        {
            var list = await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
            Assert.Equal("FlunderList", list["kind"]?.GetValue<string>());
            return;
        }

        Assert.True(code is >= 400 and < 500, server.Explain($"expected 200 or a 4xx; got {WardleApi.Describe(response, await response.Content.ReadAsStringAsync())}"));
        await response.ShouldBeStatusAsync(server, response.StatusCode, ReasonOf(code));
    }

    private static string ReasonOf(int code) => code switch
    {
        400 => "BadRequest",
        404 => "NotFound",
        410 => "Expired",
        _ => "(unexpected " + code + ")",
    };

    /// <summary>The template's UTF-8 bytes with <c>BAD</c> replaced by <paramref name="bad"/>, byte for byte.</summary>
    private static byte[] Splice(string template, byte[] bad)
    {
        var at = template.IndexOf("BAD", StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(template[..at]), .. bad, .. Encoding.UTF8.GetBytes(template[(at + 3)..])];
    }
}
