using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using ApiBuilder.EndToEnd.Tests.Kubectl;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Testing;
using Xunit;
using KubectlClient = ApiBuilder.EndToEnd.Tests.Infrastructure.Kubectl;

namespace ApiBuilder.EndToEnd.Tests.Aggregation;

/// <summary>
/// The real kubectl, through a stand-in of kube-apiserver's aggregation layer, against the Wardle server
/// process connected to that stand-in: the user kubectl authenticates as reaches Wardle only as
/// front-proxy headers, and Wardle asks the cluster a SubjectAccessReview for everything.
/// </summary>
public sealed class KubectlThroughAggregatorTests : IAsyncLifetime
{
    private const string ServiceHost = "api.wardle.svc";
    private TestCluster _cluster = null!;
    private WardleServer _wardle = null!;
    private KubectlClient _jane = null!;
    private string _directory = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync();
        _wardle = new WardleServer("--kubeconfig", _cluster.ServerKubeconfigPath, "--cert-dns-names", ServiceHost);
        await _wardle.InitializeAsync();
        _cluster.AddApiService(_wardle.BaseAddress, _wardle.CertificateAuthorityPem, ServiceHost);
        _cluster.AddNamespace("team-a");

        // jane, as RBAC would have it: discovery, and get/list/watch/create on flunders; nothing on fischers.
        _cluster.AddToken("jane-token", new UserInfo("jane", null, ["developers"], UserInfo.NoExtra));
        _cluster.Authorize = spec =>
        {
            if (spec["nonResourceAttributes"] is not null)
            {
                return new(true);
            }

            var attributes = spec["resourceAttributes"]!;
            var allowed = (string?)spec["user"] == "jane" && (string?)attributes["resource"] == "flunders"
                && (string?)attributes["verb"] is "get" or "list" or "watch" or "create";
            return new(allowed, Reason: allowed ? "" : "RBAC: jane may only read and create flunders");
        };

        _directory = Path.Combine(Path.GetTempPath(), "apibuilder-aggregated-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        var kubeconfig = await TokenKubeconfig.WriteAsync(_cluster, _directory, "jane", "jane-token");
        _jane = new KubectlClient(kubeconfig, Path.Combine(_directory, "cache"), _directory, _wardle.Output);
    }

    public async Task DisposeAsync()
    {
        await _wardle.DisposeAsync();
        await _cluster.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_cluster_rbac_decides_what_kubectl_may_do_on_the_extension_server()
    {
        (await _jane.RunWithInputAsync(Manifests.Flunder("mine", "team-a"), "create", "-f", "-")).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/mine created");
        (await _jane.RunAsync("get", "flunders", "-n", "team-a")).ShouldSucceed().StdoutShouldContain("mine");

        (await _jane.RunAsync("delete", "flunder", "mine", "-n", "team-a", "--wait=false"))
            .ShouldFailWith("Error from server (Forbidden): flunders.wardle.example.com \"mine\" is forbidden: User \"jane\" cannot delete resource \"flunders\" in API group \"wardle.example.com\" in the namespace \"team-a\": RBAC: jane may only read and create flunders");
        (await _jane.RunAsync("get", "fischers"))
            .ShouldFailWith("cannot list resource \"fischers\" in API group \"wardle.example.com\" at the cluster scope");

        var reviews = _cluster.SubjectAccessReviews.Where(r => r["resourceAttributes"] is not null).ToList();
        Assert.Contains(reviews, r => (string?)r["resourceAttributes"]!["verb"] == "delete" && (string?)r["resourceAttributes"]!["name"] == "mine"
            && r["groups"]!.AsArray().Select(g => (string?)g).SequenceEqual(["developers", "system:authenticated"]));

        // Still there: the denial happened before anything was deleted.
        var stored = await _wardle.Http.GetStringAsync("/apis/wardle.example.com/v1alpha1/namespaces/team-a/flunders/mine");
        Assert.Equal("mine", (string?)JsonNode.Parse(stored)!["metadata"]!["name"]);
    }

    [Fact]
    public async Task Creating_in_a_namespace_the_cluster_does_not_have_is_refused()
    {
        (await _jane.RunWithInputAsync(Manifests.Flunder("lost", "no-such-namespace"), "create", "-f", "-"))
            .ShouldFailWith("Error from server (NotFound): error when creating \"STDIN\": namespaces \"no-such-namespace\" not found");
    }
}
