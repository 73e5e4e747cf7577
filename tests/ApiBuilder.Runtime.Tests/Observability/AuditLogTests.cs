using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Server;
using ApiBuilder.Runtime.Testing;
using ApiBuilder.Runtime.Tests.Registry;
using ApiBuilder.Runtime.Tests.Server;

namespace ApiBuilder.Runtime.Tests.Observability;

/// <summary>The audit log: one audit.k8s.io/v1 event per request and stage, as the policy says, written by the time the server has stopped.</summary>
public sealed class AuditLogTests : IDisposable
{
    private const string Collection = "/apis/test.example.com/v1/namespaces/default/widgets";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "apibuilder-audit-" + Guid.NewGuid().ToString("N")[..12]);

    public AuditLogTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string LogPath => Path.Combine(directory, "audit.log");

    [Fact]
    public async Task Every_request_has_one_response_complete_event_with_user_verb_object_and_code()
    {
        var ids = new Dictionary<string, string>();
        await using (var server = await Start(o => o with { AuditLogPath = LogPath }))
        {
            using var jane = server.CreateClient("jane", "developers");
            ids["create"] = await Send(server.Client, HttpMethod.Post, Collection, TestResources.Widget("a"), HttpStatusCode.Created);
            ids["get"] = await Send(server.Client, HttpMethod.Get, Collection + "/a", null, HttpStatusCode.OK);
            ids["missing"] = await Send(server.Client, HttpMethod.Get, Collection + "/nope", null, HttpStatusCode.NotFound);
            ids["forbidden"] = await Send(jane, HttpMethod.Get, "/metrics", null, HttpStatusCode.Forbidden);
        }

        var events = Events();
        foreach (var id in ids.Values)
        {
            Assert.Single(events, e => (string?)e["auditID"] == id && (string?)e["stage"] == "ResponseComplete");
        }

        var create = Complete(events, ids["create"]);
        Assert.Equal("Event", (string?)create["kind"]);
        Assert.Equal("audit.k8s.io/v1", (string?)create["apiVersion"]);
        Assert.Equal("Metadata", (string?)create["level"]);
        Assert.Equal("create", (string?)create["verb"]);
        Assert.Equal("admin", (string?)create["user"]!["username"]);
        Assert.Contains("system:masters", create["user"]!["groups"]!.AsArray().Select(g => (string?)g));
        Assert.Equal(201, (int?)create["responseStatus"]!["code"]);
        Assert.Equal("widgets", (string?)create["objectRef"]!["resource"]);
        Assert.Equal("default", (string?)create["objectRef"]!["namespace"]);
        Assert.Equal("test.example.com", (string?)create["objectRef"]!["apiGroup"]);
        Assert.Equal("v1", (string?)create["objectRef"]!["apiVersion"]);
        Assert.Equal("allow", (string?)create["annotations"]!["authorization.k8s.io/decision"]);
        Assert.Equal(Collection, (string?)create["requestURI"]);
        Assert.Contains("127.0.0.1", create["sourceIPs"]!.AsArray().Select(i => (string?)i));
        Assert.Null(create["requestObject"]);
        Assert.Null(create["responseObject"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", (string?)create["stageTimestamp"]);

        var get = Complete(events, ids["get"]);
        Assert.Equal("get", (string?)get["verb"]);
        Assert.Equal("a", (string?)get["objectRef"]!["name"]);

        var missing = Complete(events, ids["missing"])["responseStatus"]!;
        Assert.Equal(404, (int?)missing["code"]);
        Assert.Equal("Failure", (string?)missing["status"]);
        Assert.Equal("NotFound", (string?)missing["reason"]);

        var forbidden = Complete(events, ids["forbidden"]);
        Assert.Equal("jane", (string?)forbidden["user"]!["username"]);
        Assert.Equal(403, (int?)forbidden["responseStatus"]!["code"]);
        Assert.Equal("forbid", (string?)forbidden["annotations"]!["authorization.k8s.io/decision"]);
        Assert.Null(forbidden["objectRef"]);
        Assert.Equal("/metrics", (string?)forbidden["requestURI"]);
    }

    [Fact]
    public async Task Policy_levels_keep_or_drop_bodies_and_none_drops_events()
    {
        var policy = Path.Combine(directory, "policy.yaml");
        await File.WriteAllTextAsync(policy, """
            apiVersion: audit.k8s.io/v1
            kind: Policy
            omitStages: ["RequestReceived"]
            rules:
            - level: None
              verbs: ["get"]
              resources:
              - group: test.example.com
                resources: ["widgets"]
            - level: RequestResponse
              verbs: ["create"]
              resources:
              - group: test.example.com
                resources: ["widgets"]
            - level: Request
              verbs: ["update", "patch"]
              resources:
              - group: "*"
            - level: Metadata
              nonResourceURLs: ["/version*"]
            """);
        var ids = new Dictionary<string, string>();
        await using (var server = await Start(o => o with { AuditLogPath = LogPath, AuditPolicyFile = policy }))
        {
            ids["create"] = await Send(server.Client, HttpMethod.Post, Collection, TestResources.Widget("a", size: 3), HttpStatusCode.Created);
            ids["get"] = await Send(server.Client, HttpMethod.Get, Collection + "/a", null, HttpStatusCode.OK);
            ids["patch"] = await Send(server.Client, HttpMethod.Patch, Collection + "/a", JsonNode.Parse("""{"spec":{"size":4}}""")!, HttpStatusCode.OK);
            ids["list"] = await Send(server.Client, HttpMethod.Get, Collection, null, HttpStatusCode.OK);
            ids["version"] = await Send(server.Client, HttpMethod.Get, "/version", null, HttpStatusCode.OK);
            ids["yaml"] = await SendRaw(server.Client, Encoding.UTF8.GetBytes("apiVersion: test.example.com/v1\nkind: Widget\nmetadata:\n  name: y\nspec:\n  size: 2\n"), "application/yaml", HttpStatusCode.Created);
            ids["not-utf8"] = await SendRaw(server.Client, [.. Encoding.UTF8.GetBytes("""{"apiVersion":"test.example.com/v1","kind":"Widget","metadata":{"name":"\"""), 0xff, .. Encoding.UTF8.GetBytes("\"}}")], "application/json", HttpStatusCode.BadRequest);
        }

        var events = Events();
        Assert.DoesNotContain(events, e => (string?)e["stage"] == "RequestReceived");

        var create = Complete(events, ids["create"]);
        Assert.Equal("RequestResponse", (string?)create["level"]);
        Assert.Equal(3, (int?)create["requestObject"]!["spec"]!["size"]);
        Assert.Equal("a", (string?)create["responseObject"]!["metadata"]!["name"]);
        Assert.NotNull(create["responseObject"]!["metadata"]!["uid"]);

        Assert.DoesNotContain(events, e => (string?)e["auditID"] == ids["get"]);
        Assert.DoesNotContain(events, e => (string?)e["auditID"] == ids["list"]);

        var patch = Complete(events, ids["patch"]);
        Assert.Equal("Request", (string?)patch["level"]);
        Assert.Equal(4, (int?)patch["requestObject"]!["spec"]!["size"]);
        Assert.Null(patch["responseObject"]);

        // A YAML body is recorded as JSON; a body that is not UTF-8 is left out of its event.
        Assert.Equal(2, (int?)Complete(events, ids["yaml"])["requestObject"]!["spec"]!["size"]);
        Assert.Equal("y", (string?)Complete(events, ids["yaml"])["responseObject"]!["metadata"]!["name"]);
        Assert.Equal(400, (int?)Complete(events, ids["not-utf8"])["responseStatus"]!["code"]);
        Assert.Null(Complete(events, ids["not-utf8"])["requestObject"]);

        var version = Complete(events, ids["version"]);
        Assert.Equal("Metadata", (string?)version["level"]);
        Assert.Null(version["objectRef"]);
    }

    [Fact]
    public async Task A_watch_has_a_response_started_event_and_the_stages_the_policy_keeps()
    {
        string id;
        await using (var server = await Start(o => o with { AuditLogPath = LogPath, AuditLogLevel = "Metadata" }))
        {
            await Send(server.Client, HttpMethod.Post, Collection, TestResources.Widget("a"), HttpStatusCode.Created);
            using var watch = await server.Client.GetAsync(Collection + "?watch=true&resourceVersion=0&timeoutSeconds=1", HttpCompletionOption.ResponseHeadersRead);
            id = watch.Headers.GetValues(RequestObserver.AuditIdHeader).Single();
            Assert.Contains("\"ADDED\"", await watch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var stages = Events().Where(e => (string?)e["auditID"] == id).Select(e => (string?)e["stage"]).ToList();
        Assert.Equal(["ResponseStarted", "ResponseComplete"], stages);
    }

    [Fact]
    public async Task A_client_audit_id_is_kept()
    {
        await using (var server = await Start(o => o with { AuditLogPath = LogPath }))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/version");
            request.Headers.Add("Audit-Id", "trace-1234");
            using var response = await server.Client.SendAsync(request);
            Assert.Equal("trace-1234", response.Headers.GetValues("Audit-Id").Single());
        }

        Assert.Single(Events(), e => (string?)e["auditID"] == "trace-1234");
    }

    [Fact]
    public async Task A_bad_policy_file_is_a_one_line_start_up_error()
    {
        var policy = Path.Combine(directory, "policy.yaml");
        await File.WriteAllTextAsync(policy, "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Everything\n");
        var builder = ApiServer.CreateBuilder(
            ["--secure-port", "0", "--bind-address", "127.0.0.1", "--storage", "memory", "--cert-dir", Path.Combine(directory, "certificates"),
             "--audit-log-path", LogPath, "--audit-policy-file", policy], "test");
        builder.AddResource(TestResources.Widget());
        await using var server = builder.Build();

        var (code, error) = await ServerRuns.RunAsync(server);

        Assert.Equal(1, code);
        Assert.Equal($"Error: invalid --audit-policy-file {policy}: rules[0].level: \"Everything\" is not one of None, Metadata, Request, RequestResponse",
            error.Trim());
    }

    private static Task<ApiTestServer> Start(Func<ApiServerOptions, ApiServerOptions> options) =>
        ApiTestServer.StartAsync(b =>
        {
            b.Options = options(b.Options);
            b.AddResource(TestResources.Widget());
        });

    /// <summary>Sends a request, checks its code and returns its Audit-Id header.</summary>
    private static async Task<string> Send(HttpClient client, HttpMethod method, string path, JsonNode? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json");
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        return response.Headers.GetValues(RequestObserver.AuditIdHeader).Single();
    }

    private static async Task<string> SendRaw(HttpClient client, byte[] body, string contentType, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Collection) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        return response.Headers.GetValues(RequestObserver.AuditIdHeader).Single();
    }

    private List<JsonNode> Events() =>
        [.. File.ReadAllLines(LogPath).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!)];

    private static JsonNode Complete(List<JsonNode> events, string id) =>
        events.Single(e => (string?)e["auditID"] == id && (string?)e["stage"] == "ResponseComplete");
}
