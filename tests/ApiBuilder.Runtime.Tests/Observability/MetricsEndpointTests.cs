using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Testing;
using ApiBuilder.Runtime.Tests.Registry;

namespace ApiBuilder.Runtime.Tests.Observability;

/// <summary><c>/metrics</c>: kube-apiserver's series after real requests, and authorized like kube-apiserver's.</summary>
public sealed class MetricsEndpointTests
{
    private const string Collection = "/apis/test.example.com/v1/namespaces/default/widgets";

    [Fact]
    public async Task Requests_watches_and_storage_show_with_kube_apiserver_names_and_labels()
    {
        await using var server = await ApiTestServer.StartAsync(b => b.AddResource(TestResources.Widget()));
        var client = server.Client;
        foreach (var name in new[] { "a", "b" })
        {
            using var created = await client.PostAsync(Collection, Json(TestResources.Widget(name)));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var get = await client.GetAsync(Collection + "/a"))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        }

        using (var list = await client.GetAsync(Collection))
        {
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }

        using (var missing = await client.GetAsync(Collection + "/nope"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using (var unknown = await client.GetAsync("/apis/test.example.com/v1/namespaces/default/gadgets-xyz/g1"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using var watch = await client.GetAsync(Collection + "?watch=true&resourceVersion=0", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
        using var events = new StreamReader(await watch.Content.ReadAsStreamAsync());
        Assert.Contains("\"ADDED\"", await events.ReadLineAsync(), StringComparison.Ordinal);
        Assert.Contains("\"ADDED\"", await events.ReadLineAsync(), StringComparison.Ordinal);

        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var metrics = new MetricsText(await response.Content.ReadAsStringAsync());

        (string, string)[] widgets = [("group", "test.example.com"), ("version", "v1"), ("resource", "widgets"), ("subresource", ""), ("component", "apiserver"), ("dry_run", "")];
        Assert.Equal(2, metrics.Value("apiserver_request_total", [.. widgets, ("verb", "POST"), ("scope", "resource"), ("code", "201")]));
        Assert.Equal(1, metrics.Value("apiserver_request_total", [.. widgets, ("verb", "GET"), ("scope", "resource"), ("code", "200")]));
        Assert.Equal(1, metrics.Value("apiserver_request_total", [.. widgets, ("verb", "GET"), ("scope", "resource"), ("code", "404")]));
        Assert.Equal(1, metrics.Value("apiserver_request_total", [.. widgets, ("verb", "LIST"), ("scope", "namespace"), ("code", "200")]));
        Assert.Equal(1, metrics.Value("apiserver_request_total", [.. widgets, ("verb", "WATCH"), ("scope", "namespace"), ("code", "200")]));
        Assert.Equal(2, metrics.Value("apiserver_request_duration_seconds_count", [.. widgets, ("verb", "GET"), ("scope", "resource")]));
        Assert.Equal(2, metrics.Value("apiserver_request_duration_seconds_bucket", [.. widgets, ("verb", "POST"), ("scope", "resource"), ("le", "60")]));
        Assert.Equal(1, metrics.Value("apiserver_response_sizes_count", [("verb", "LIST"), ("resource", "widgets")]));

        // A resource the server does not serve is "other", never the URL's words.
        Assert.Equal(1, metrics.Value("apiserver_request_total", [("verb", "GET"), ("resource", "other"), ("code", "404")]));
        Assert.DoesNotContain("gadgets-xyz", metrics.Text, StringComparison.Ordinal);

        Assert.Equal(1, metrics.Value("apiserver_registered_watchers", ("group", "test.example.com"), ("version", "v1"), ("kind", "Widget")));
        Assert.Equal(1, metrics.Value("apiserver_longrunning_requests", [.. widgets[..^1], ("verb", "WATCH"), ("scope", "namespace")]));
        Assert.True(metrics.Value("apiserver_watch_events_total", ("resource", "widgets")) >= 2);
        Assert.Equal(2, metrics.Value("apiserver_storage_objects", ("resource", "widgets.test.example.com")));
        Assert.Equal(2, metrics.Value("etcd_requests_total", ("operation", "create"), ("group", "test.example.com"), ("resource", "widgets")));
        Assert.Equal(2, metrics.Value("apiserver_admission_step_admission_duration_seconds_count", ("type", "validate"), ("operation", "CREATE"), ("rejected", "false")));
        Assert.True(metrics.Value("authentication_attempts", ("result", "success")) >= 8);
        Assert.NotNull(metrics.Value("apiserver_current_inflight_requests", ("request_kind", "readOnly")));

        // Objects are counted at most once a minute, not at every scrape, as kube-apiserver counts them.
        using (var third = await client.PostAsync(Collection, Json(TestResources.Widget("c"))))
        {
            Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        }

        using var again = await client.GetAsync("/metrics");
        var later = new MetricsText(await again.Content.ReadAsStringAsync());
        Assert.Equal(2, later.Value("apiserver_storage_objects", ("resource", "widgets.test.example.com")));
        Assert.Equal(1, later.Value("etcd_requests_total", ("operation", "listOnlyKeys"), ("group", "test.example.com"), ("resource", "widgets")));
    }

    [Fact]
    public async Task Users_outside_system_masters_are_forbidden_without_a_policy()
    {
        await using var server = await ApiTestServer.StartAsync(b => b.AddResource(TestResources.Widget()));
        using var jane = server.CreateClient("jane", "developers");

        using var response = await jane.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("forbidden: User \"jane\" cannot get path \"/metrics\"", (string?)status["message"]);
    }

    [Fact]
    public async Task In_a_cluster_a_subject_access_review_of_the_non_resource_url_decides()
    {
        await using var server = await ApiTestServer.StartAggregatedAsync(b => b.AddResource(TestResources.Widget()));
        server.Cluster!.Authorize = spec => new((string?)spec["user"] == "prometheus"
            && (string?)spec["nonResourceAttributes"]?["path"] == "/metrics" && (string?)spec["nonResourceAttributes"]?["verb"] == "get");
        using var prometheus = server.CreateClient("prometheus", "monitoring");
        using var jane = server.CreateClient("jane", "developers");

        using var allowed = await prometheus.GetAsync("/metrics");
        using var denied = await jane.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("# TYPE apiserver_request_total counter", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
