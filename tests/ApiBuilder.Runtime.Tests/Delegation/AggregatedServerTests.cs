using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Certificates;
using ApiBuilder.Runtime.Testing;
using ApiBuilder.Runtime.Tests.Registry;

namespace ApiBuilder.Runtime.Tests.Delegation;

/// <summary>
/// A server connected to a stand-in kube-apiserver, reached through its aggregator: every decision is a
/// SubjectAccessReview, users come from the front proxy's headers or from TokenReview.
/// </summary>
public sealed class AggregatedServerTests : IAsyncLifetime
{
    private const string Widgets = "/apis/test.example.com/v1/namespaces/default/widgets";
    private ApiTestServer _server = null!;

    private TestCluster Cluster => _server.Cluster!;

    public async Task InitializeAsync() =>
        _server = await ApiTestServer.StartAggregatedAsync(builder => builder.AddResource(TestResources.Widget()));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("GET", Widgets, "list", "")]
    [InlineData("GET", Widgets + "?watch=true&timeoutSeconds=1", "watch", "")]
    [InlineData("GET", Widgets + "/w1", "get", "")]
    [InlineData("POST", Widgets, "create", "")]
    [InlineData("PUT", Widgets + "/w1", "update", "")]
    [InlineData("PATCH", Widgets + "/w1", "patch", "")]
    [InlineData("DELETE", Widgets + "/w1", "delete", "")]
    [InlineData("DELETE", Widgets, "deletecollection", "")]
    [InlineData("GET", Widgets + "/w1/status", "get", "status")]
    [InlineData("PATCH", Widgets + "/w1/status", "patch", "status")]
    public async Task Every_verb_is_asked_of_the_cluster_with_kube_apiservers_attributes_and_a_denial_is_403(string method, string path, string verb, string subresource)
    {
        using var jane = _server.CreateClient("jane", "developers");
        using var response = await jane.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(method) });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Forbidden", (string?)status["reason"]);
        var resource = subresource.Length > 0 ? "widgets/" + subresource : "widgets";
        Assert.Contains($"User \"jane\" cannot {verb} resource \"{resource}\" in API group \"test.example.com\" in the namespace \"default\": no RBAC policy matched",
            (string?)status["message"], StringComparison.Ordinal);

        var review = Assert.Single(Cluster.SubjectAccessReviews);
        Assert.Equal("jane", (string?)review["user"]);
        Assert.Equal(["developers", "system:authenticated"], review["groups"]!.AsArray().Select(g => (string?)g));
        var attributes = review["resourceAttributes"]!;
        Assert.Equal(verb, (string?)attributes["verb"]);
        Assert.Equal("test.example.com", (string?)attributes["group"]);
        Assert.Equal("v1", (string?)attributes["version"]);
        Assert.Equal("widgets", (string?)attributes["resource"]);
        Assert.Equal("default", (string?)attributes["namespace"]);
        // Empty attributes are left out, as kube-apiserver's webhook authorizer leaves them out.
        Assert.Equal(subresource.Length > 0 ? subresource : null, (string?)attributes["subresource"]);
        Assert.Equal(path.Contains("/w1", StringComparison.Ordinal) ? "w1" : null, (string?)attributes["name"]);
        Assert.False(review.ContainsKey("uid"));
    }

    [Theory]
    [InlineData("GET", Widgets, "list", "", HttpStatusCode.OK)]
    [InlineData("GET", Widgets + "?watch=true&timeoutSeconds=1", "watch", "", HttpStatusCode.OK)]
    [InlineData("GET", Widgets + "/w1", "get", "", HttpStatusCode.OK)]
    [InlineData("POST", Widgets, "create", "", HttpStatusCode.Created)]
    [InlineData("PUT", Widgets + "/w1", "update", "", HttpStatusCode.OK)]
    [InlineData("PATCH", Widgets + "/w1", "patch", "", HttpStatusCode.OK)]
    [InlineData("DELETE", Widgets + "/w1", "delete", "", HttpStatusCode.OK)]
    [InlineData("DELETE", Widgets, "deletecollection", "", HttpStatusCode.OK)]
    [InlineData("GET", Widgets + "/w1/status", "get", "status", HttpStatusCode.OK)]
    [InlineData("PATCH", Widgets + "/w1/status", "patch", "status", HttpStatusCode.OK)]
    public async Task Every_verb_the_cluster_allows_is_served(string method, string path, string verb, string subresource, HttpStatusCode expected)
    {
        string resourceVersion;
        using (var existing = await _server.Client.PostAsync(Widgets, Body("POST", method == "POST" ? "w0" : "w1")))
        {
            Assert.Equal(HttpStatusCode.Created, existing.StatusCode);
            resourceVersion = (string)JsonNode.Parse(await existing.Content.ReadAsStringAsync())!["metadata"]!["resourceVersion"]!;
        }

        Cluster.Authorize = spec => new SubjectAccessReviewAnswer(
            (string?)spec["resourceAttributes"]?["verb"] == verb && ((string?)spec["resourceAttributes"]?["subresource"] ?? "") == subresource);
        using var jane = _server.CreateClient("jane", "developers");

        var body = method == "PUT"
            ? new StringContent($$$"""{"apiVersion":"test.example.com/v1","kind":"Widget","metadata":{"name":"w1","resourceVersion":"{{{resourceVersion}}}"}}""", Encoding.UTF8, "application/json")
            : Body(method);
        using var response = await jane.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = body });

        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var review = Assert.Single(Cluster.SubjectAccessReviews);
        Assert.Equal(verb, (string?)review["resourceAttributes"]!["verb"]);
    }

    [Fact]
    public async Task The_review_carries_exactly_what_kube_apiserver_would_send()
    {
        // The aggregator forwards uid and extra; kube-apiserver 1.32 names a uid header in the ConfigMap when it sends one.
        Cluster.UpdateAuthenticationConfigMap(data => data["requestheader-uid-headers"] = """["X-Remote-Uid"]""");
        Cluster.Authorize = _ => new SubjectAccessReviewAnswer(true);
        Cluster.AddToken("ann-token", new UserInfo("ann", "uid-42", ["ops", "on-call"],
            new Dictionary<string, IReadOnlyList<string>> { ["scopes.example.com/Team"] = ["a", "b"] }));
        using var ann = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { BaseAddress = _server.BaseAddress };
        ann.DefaultRequestHeaders.Authorization = new("Bearer", "ann-token");

        await Eventually(async () =>
        {
            using var response = await ann.GetAsync("/apis/test.example.com/v1/widgets?fieldSelector=metadata.name%3Dw7");
            return response.StatusCode == HttpStatusCode.OK && Cluster.SubjectAccessReviews.Any(r => r["uid"] is not null);
        });

        var review = Cluster.SubjectAccessReviews.Last();
        var expected = JsonNode.Parse("""
            {
              "user": "ann",
              "uid": "uid-42",
              "groups": ["ops", "on-call", "system:authenticated"],
              "extra": {"scopes.example.com/team": ["a", "b"]},
              "resourceAttributes": {
                "verb": "list", "group": "test.example.com", "version": "v1", "resource": "widgets", "name": "w7",
                "fieldSelector": {"requirements": [{"key": "metadata.name", "operator": "In", "values": ["w7"]}]}
              }
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, review), review.ToJsonString());
    }

    [Theory]
    [InlineData("GET", "list")]
    [InlineData("GET", "watch")]
    [InlineData("DELETE", "deletecollection")]
    public async Task A_collection_requests_selectors_are_sent_as_kube_apiserver_sends_them(string method, string verb)
    {
        Cluster.Authorize = _ => new SubjectAccessReviewAnswer(true);
        using var jane = _server.CreateClient("jane");
        var query = "?labelSelector=" + Uri.EscapeDataString("tier!=db,app in (web,api),!legacy,size>3")
            + "&fieldSelector=" + Uri.EscapeDataString("metadata.namespace=default,metadata.name!=old")
            + (verb == "watch" ? "&watch=true&timeoutSeconds=1" : "");

        using var response = await jane.SendAsync(new HttpRequestMessage(new HttpMethod(method), Widgets + query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attributes = Assert.Single(Cluster.SubjectAccessReviews)["resourceAttributes"]!;
        Assert.Equal(verb, (string?)attributes["verb"]);
        // As Kubernetes parses them: field terms sorted as written, labels sorted by key with sorted values;
        // gt and lt are left out (requirements are ANDed, so the review asks about more, never less).
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"requirements": [
              {"key": "metadata.name", "operator": "NotIn", "values": ["old"]},
              {"key": "metadata.namespace", "operator": "In", "values": ["default"]}]}
            """), attributes["fieldSelector"]), attributes.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"requirements": [
              {"key": "app", "operator": "In", "values": ["api", "web"]},
              {"key": "legacy", "operator": "DoesNotExist"},
              {"key": "tier", "operator": "NotIn", "values": ["db"]}]}
            """), attributes["labelSelector"]), attributes.ToJsonString());
    }

    [Fact]
    public async Task Selectors_are_not_sent_for_a_single_object_and_a_bad_one_asks_about_the_whole_collection()
    {
        Cluster.Authorize = _ => new SubjectAccessReviewAnswer(false);
        using var jane = _server.CreateClient("jane");

        using (var get = await jane.GetAsync(Widgets + "/w1?labelSelector=app%3Dweb"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        }

        using (var bad = await jane.GetAsync(Widgets + "?labelSelector=" + Uri.EscapeDataString("app in (")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
        }

        Assert.All(Cluster.SubjectAccessReviews, r =>
        {
            Assert.Null(r["resourceAttributes"]!["labelSelector"]);
            Assert.Null(r["resourceAttributes"]!["fieldSelector"]);
        });
        Assert.Equal(2, Cluster.SubjectAccessReviews.Count);
    }

    [Theory]
    [InlineData("w1", "w1")]
    [InlineData("a/b", null)]
    [InlineData("..", null)]
    [InlineData("a%b", null)]
    public async Task A_list_pinned_to_a_name_is_asked_about_that_name_when_it_could_be_a_path_segment(string pinned, string? expected)
    {
        using var jane = _server.CreateClient("jane");

        using var response = await jane.GetAsync(Widgets + "?fieldSelector=" + Uri.EscapeDataString("metadata.name=" + pinned));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(expected, (string?)Assert.Single(Cluster.SubjectAccessReviews)["resourceAttributes"]!["name"]);
    }

    [Fact]
    public async Task Allowed_answers_expire_after_their_time_to_live()
    {
        await using var server = await ApiTestServer.StartAggregatedAsync(builder =>
        {
            builder.AddResource(TestResources.Widget());
            builder.Options = builder.Options with { AuthorizationWebhookCacheAuthorizedTtl = TimeSpan.FromMilliseconds(300) };
        });
        server.Cluster!.Authorize = _ => new SubjectAccessReviewAnswer(true);
        using var jane = server.CreateClient("jane");

        using (var first = await jane.GetAsync(Widgets))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await Task.Delay(600);
        server.Cluster.Authorize = _ => new SubjectAccessReviewAnswer(false, Denied: true, "revoked");
        using var second = await jane.GetAsync(Widgets);

        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal(2, server.Cluster.SubjectAccessReviews.Count);
    }

    [Fact]
    public async Task An_authorizer_that_cannot_be_reached_fails_every_request_and_never_allows_one()
    {
        // Authentication reaches the stand-in; authorization a port nobody listens on.
        var unreachable = Path.Combine(Path.GetTempPath(), "apibuilder-unreachable-" + Guid.NewGuid().ToString("N")[..8] + ".kubeconfig");
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var kubeconfig = await File.ReadAllTextAsync(Cluster.ServerKubeconfigPath);
            await File.WriteAllTextAsync(unreachable, kubeconfig.Replace($":{Cluster.BaseAddress.Port}", $":{closedPort}", StringComparison.Ordinal));
        }

        try
        {
            await using var server = await ApiTestServer.StartAggregatedAsync(builder =>
            {
                builder.AddResource(TestResources.Widget());
                builder.Options = builder.Options with { AuthorizationKubeconfig = unreachable };
            });
            using var jane = server.CreateClient("jane");

            foreach (var (method, path) in new[] { ("GET", Widgets), ("POST", Widgets), ("DELETE", Widgets), ("GET", Widgets + "?watch=true") })
            {
                using var response = await jane.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(method) });
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.InternalServerError, $"{method} {path}: {(int)response.StatusCode} {text}");
                Assert.Contains("SubjectAccessReview failed", text, StringComparison.Ordinal);
            }

            using var admin = await server.Client.GetAsync(Widgets);
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
            using var list = await server.Client.GetAsync(Widgets);
            Assert.Empty(JsonNode.Parse(await list.Content.ReadAsStringAsync())!["items"]!.AsArray());
        }
        finally
        {
            File.Delete(unreachable);
        }
    }

    [Fact]
    public async Task A_deleted_config_map_keeps_the_front_proxy_trusted_until_it_is_written_again()
    {
        Cluster.Authorize = _ => new SubjectAccessReviewAnswer(true);
        using var jane = _server.CreateClient("jane");

        Cluster.DeleteAuthenticationConfigMap();
        for (var i = 0; i < 5; i++)
        {
            using var during = await jane.GetAsync(Widgets);
            Assert.Equal(HttpStatusCode.OK, during.StatusCode);
            await Task.Delay(100);
        }

        // Written again with another front-proxy CA: that one is in force from then on.
        using var other = SelfSignedCertificateAuthority.Create(TimeProvider.System);
        Cluster.UpdateAuthenticationConfigMap(data => data["requestheader-client-ca-file"] = PemExport.Certificate(other));
        await Eventually(async () =>
        {
            using var after = await jane.GetAsync(Widgets);
            return after.StatusCode == HttpStatusCode.Unauthorized;
        });
    }

    [Fact]
    public async Task What_the_cluster_allows_is_served_and_what_it_denies_is_not()
    {
        Cluster.Authorize = spec => (string?)spec["user"] == "jane" && (string?)spec["resourceAttributes"]?["verb"] is "create" or "get"
            ? new SubjectAccessReviewAnswer(true)
            : new SubjectAccessReviewAnswer(false, Denied: true, "jane may only create and read");
        using var jane = _server.CreateClient("jane", "developers");

        using var created = await jane.PostAsync(Widgets, Body("POST"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var read = await jane.GetAsync(Widgets + "/w1");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var deleted = await jane.DeleteAsync(Widgets + "/w1");
        Assert.Equal(HttpStatusCode.Forbidden, deleted.StatusCode);
        Assert.Contains("jane may only create and read", await deleted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var stillThere = await _server.Client.GetAsync(Widgets + "/w1");
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task Answers_are_cached_for_their_time_to_live()
    {
        Cluster.Authorize = _ => new SubjectAccessReviewAnswer(true);
        using var jane = _server.CreateClient("jane");
        for (var i = 0; i < 3; i++)
        {
            using var response = await jane.GetAsync(Widgets);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Single(Cluster.SubjectAccessReviews);
    }

    [Fact]
    public async Task Cached_answers_expire_after_their_time_to_live()
    {
        await using var server = await ApiTestServer.StartAggregatedAsync(builder =>
        {
            builder.AddResource(TestResources.Widget());
            builder.Options = builder.Options with { AuthorizationWebhookCacheUnauthorizedTtl = TimeSpan.FromMilliseconds(300) };
        });
        using var jane = server.CreateClient("jane");

        using (var first = await jane.GetAsync(Widgets))
        {
            Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        }

        await Task.Delay(600);
        server.Cluster!.Authorize = _ => new SubjectAccessReviewAnswer(true);
        using var second = await jane.GetAsync(Widgets);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, server.Cluster.SubjectAccessReviews.Count);
    }

    [Fact]
    public async Task Without_the_config_map_lookup_the_front_proxy_is_not_trusted()
    {
        await using var server = await ApiTestServer.StartAggregatedAsync(builder =>
        {
            builder.AddResource(TestResources.Widget());
            builder.Options = builder.Options with { AuthenticationSkipLookup = true };
        });

        using var response = await server.Client.GetAsync(Widgets);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_always_allowed_group_skips_the_review()
    {
        using var response = await _server.Client.GetAsync(Widgets);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Cluster.SubjectAccessReviews);
    }

    [Fact]
    public async Task Discovery_is_asked_as_a_non_resource_path()
    {
        Cluster.Authorize = spec => new SubjectAccessReviewAnswer(spec["nonResourceAttributes"] is not null);
        using var jane = _server.CreateClient("jane");

        using var response = await jane.GetAsync("/apis/test.example.com/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var review = Assert.Single(Cluster.SubjectAccessReviews);
        Assert.Equal("/apis/test.example.com/v1", (string?)review["nonResourceAttributes"]!["path"]);
        Assert.Equal("get", (string?)review["nonResourceAttributes"]!["verb"]);
    }

    [Fact]
    public async Task A_cluster_that_cannot_answer_fails_the_request_and_never_allows_it()
    {
        Cluster.ReviewsFail = true;
        using var jane = _server.CreateClient("jane");

        using var response = await jane.DeleteAsync(Widgets + "/w1");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("InternalError", (string?)status["reason"]);
        Assert.Contains("SubjectAccessReview failed: 503", (string?)status["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_in_a_missing_or_terminating_namespace_is_refused_as_kube_apiserver_does()
    {
        using var missing = await _server.Client.PostAsync("/apis/test.example.com/v1/namespaces/nowhere/widgets", Body("POST"));
        Assert.True(HttpStatusCode.NotFound == missing.StatusCode, await missing.Content.ReadAsStringAsync());
        Assert.Contains("namespaces \\\"nowhere\\\" not found", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Cluster.AddNamespace("team-a");
        using var created = await _server.Client.PostAsync("/apis/test.example.com/v1/namespaces/team-a/widgets", Body("POST"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        Cluster.TerminateNamespace("team-a");
        await Eventually(async () =>
        {
            using var refused = await _server.Client.PostAsync("/apis/test.example.com/v1/namespaces/team-a/widgets", Body("POST", "w2"));
            var status = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
            return refused.StatusCode == HttpStatusCode.Forbidden
                && ((string?)status["message"])!.Contains("unable to create new content in namespace team-a because it is being terminated", StringComparison.Ordinal)
                && (string?)status["details"]!["causes"]![0]!["reason"] == "NamespaceTerminating";
        });
    }

    [Fact]
    public async Task Bearer_tokens_are_reviewed_by_the_cluster_and_cached()
    {
        Cluster.Authorize = _ => new SubjectAccessReviewAnswer(true);
        Cluster.AddToken("sa-token", new UserInfo("system:serviceaccount:ops:robot", "uid-7", ["system:serviceaccounts"], UserInfo.NoExtra));
        using var direct = DirectClient();
        direct.DefaultRequestHeaders.Authorization = new("Bearer", "sa-token");

        for (var i = 0; i < 2; i++)
        {
            using var response = await direct.GetAsync(Widgets);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal("sa-token", (string?)Assert.Single(Cluster.TokenReviews)["token"]);
        var review = Assert.Single(Cluster.SubjectAccessReviews);
        Assert.Equal("system:serviceaccount:ops:robot", (string?)review["user"]);
        Assert.Equal("uid-7", (string?)review["uid"]);

        direct.DefaultRequestHeaders.Authorization = new("Bearer", "forged");
        using var forged = await direct.GetAsync(Widgets);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task Remote_headers_without_the_front_proxy_certificate_are_ignored()
    {
        using var direct = DirectClient();
        var request = new HttpRequestMessage(HttpMethod.Get, Widgets);
        request.Headers.Add("X-Remote-User", "admin");
        request.Headers.Add("X-Remote-Group", "system:masters");

        using var response = await direct.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(Cluster.SubjectAccessReviews);
    }

    [Fact]
    public async Task A_rotated_front_proxy_ca_in_the_config_map_takes_effect_without_a_restart()
    {
        Cluster.Authorize = _ => new SubjectAccessReviewAnswer(true);
        using var jane = _server.CreateClient("jane");
        using (var before = await jane.GetAsync(Widgets))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Another CA for the front proxy: the aggregator's certificate no longer proves it is the front proxy.
        using var other = SelfSignedCertificateAuthority.Create(TimeProvider.System);
        Cluster.UpdateAuthenticationConfigMap(data => data["requestheader-client-ca-file"] = PemExport.Certificate(other));

        await Eventually(async () =>
        {
            using var after = await jane.GetAsync(Widgets);
            return after.StatusCode == HttpStatusCode.Unauthorized;
        });
    }

    private HttpClient DirectClient() => new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
    {
        BaseAddress = _server.ServerAddress,
    };

    private static StringContent? Body(string method, string name = "w1") => method switch
    {
        "POST" or "PUT" => new StringContent($$$"""{"apiVersion":"test.example.com/v1","kind":"Widget","metadata":{"name":"{{{name}}}"}}""", Encoding.UTF8, "application/json"),
        "PATCH" => new StringContent("{}", Encoding.UTF8, "application/merge-patch+json"),
        _ => null,
    };

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 20 s");
            await Task.Delay(100);
        }
    }
}
