using System.Net;
using System.Text;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary>
/// Long URLs and headers, over HTTP/1.1 and HTTP/2: what kube-apiserver accepts (up to 1 MiB) is
/// served; beyond that the client gets a 414 or 431 Status and the connection keeps working.
/// </summary>
[Collection(RawHttpCollection.Name)]
public sealed class RequestSizeLimitTests(WardleServer server)
{
    private const int OneMiB = 1024 * 1024;

    private readonly string ns = Names.Namespace();

    public static TheoryData<string> Versions() => ["1.1", "2.0"];

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task A_label_selector_of_1000_terms_is_applied(string version)
    {
        await server.Api.CreateFlunderAsync(ns, "labelled", labels: new Dictionary<string, string> { ["k0"] = "v0" });
        await server.Api.CreateFlunderAsync(ns, "other", labels: new Dictionary<string, string> { ["k0"] = "v0", ["k999"] = "x" });
        // k0=v0 plus 999 "absent or different" terms: only "labelled" matches all of them.
        var selector = "k0=v0," + string.Join(",", Enumerable.Range(1, 999).Select(i => $"k{i}!=x"));

        using var response = await SendAsync(version, $"{WardleApi.Flunders(ns)}?labelSelector={Uri.EscapeDataString(selector)}");

        var list = await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.True(response.RequestMessage!.RequestUri!.PathAndQuery.Length > 8 * 1024);
        Assert.Equal(["labelled"], list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task A_64_KiB_header_is_accepted(string version)
    {
        using var response = await SendAsync(version, WardleApi.Flunders(ns), ("X-Large", new string('x', 64 * 1024)));

        await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task A_url_over_1_MiB_is_414_and_the_connection_stays_usable(string version)
    {
        var selector = new StringBuilder("k0=v0");
        while (selector.Length <= OneMiB)
        {
            selector.Append(",k").Append(selector.Length).Append("!=x");
        }

        using var response = await SendAsync(version, $"{WardleApi.Flunders(ns)}?labelSelector={Uri.EscapeDataString(selector.ToString())}");

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.RequestUriTooLong, "RequestURITooLong");
        Assert.Contains(OneMiB.ToString(System.Globalization.CultureInfo.InvariantCulture), status.Message());
        await ShouldStillServeAsync(version);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Headers_over_1_MiB_are_431_and_nothing_is_stored(string version)
    {
        var body = WardleApi.NewFlunder("large-headers", ns, "r").ToJsonString();

        using var response = await SendAsync(version, WardleApi.Flunders(ns), body,
            ("X-Large-1", new string('x', 600 * 1024)), ("X-Large-2", new string('y', 600 * 1024)));

        await response.ShouldBeStatusAsync(server, HttpStatusCode.RequestHeaderFieldsTooLarge, "RequestHeaderFieldsTooLarge");
        await server.ShouldHoldNoFlundersAsync(ns);
        await ShouldStillServeAsync(version);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Headers_far_over_the_limit_are_refused_promptly_and_the_server_keeps_serving(string version)
    {
        // Beyond Kestrel's hard limit (twice the server's): refused by Kestrel without a Status,
        // 431 on HTTP/1.1, a reset on HTTP/2; never held open or buffered without bound.
        HttpStatusCode? code = null;
        try
        {
            using var response = await SendAsync(version, WardleApi.Flunders(ns), ("X-Huge", new string('x', 5 * OneMiB)));
            code = response.StatusCode;
        }
        catch (HttpRequestException)
        {
            Assert.Equal("2.0", version);
        }

        if (code is not null)
        {
            Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, code);
        }

        await ShouldStillServeAsync(version);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task A_url_far_over_the_limit_is_refused_promptly_and_the_server_keeps_serving(string version)
    {
        HttpStatusCode? code = null;
        try
        {
            using var response = await SendAsync(version, $"{WardleApi.Flunders(ns)}?labelSelector={new string('a', 5 * OneMiB)}");
            code = response.StatusCode;
        }
        catch (HttpRequestException)
        {
            Assert.Equal("2.0", version);
        }

        if (code is not null)
        {
            Assert.Equal(HttpStatusCode.RequestUriTooLong, code);
        }

        await ShouldStillServeAsync(version);
    }

    [Fact]
    public async Task Kubectl_get_with_an_800_term_label_selector_answers_promptly()
    {
        var selector = string.Join(",", Enumerable.Range(0, 800).Select(i => $"k{i}=v{i}"));

        var result = await server.Kubectl.RunAsync(new KubectlInvocation(["get", "flunders", "-n", ns, "-l", selector])
        {
            Timeout = TimeSpan.FromSeconds(30),
        });

        result.ShouldSucceed();
        Assert.Contains("No resources found", result.Stderr + result.Stdout);
    }

    private async Task ShouldStillServeAsync(string version)
    {
        using var response = await SendAsync(version, WardleApi.Flunders(ns));
        await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> SendAsync(string version, string path, params (string Name, string Value)[] headers) =>
        SendAsync(version, path, null, headers);

    /// <summary>GET (or POST with a body) over exactly the HTTP version asked for.</summary>
    private async Task<HttpResponseMessage> SendAsync(string version, string path, string? body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, path)
        {
            Version = Version.Parse(version),
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await server.Http.SendAsync(request);
        Assert.Equal(request.Version, response.Version);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
