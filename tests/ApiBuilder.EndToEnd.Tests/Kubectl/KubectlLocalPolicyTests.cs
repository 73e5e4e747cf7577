using System.Security.Cryptography.X509Certificates;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using ApiBuilder.Runtime.Certificates;
using Xunit;
using KubectlClient = ApiBuilder.EndToEnd.Tests.Infrastructure.Kubectl;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>
/// A server without a cluster (the README's quick start) with a second local user restricted by the
/// policy file of the user guide: the real kubectl as the administrator the server wrote and as jane,
/// whose certificate the local CA signed.
/// </summary>
public sealed class KubectlLocalPolicyTests : IAsyncLifetime
{
    // The policy of the user guide's example, line for line.
    private const string Policy = """
        # jane reads flunders everywhere and does anything in namespace jane
        {"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"user":"jane","apiGroup":"wardle.example.com","namespace":"*","resource":"flunders","readonly":true}}
        {"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"user":"jane","apiGroup":"*","namespace":"jane","resource":"*"}}
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "apibuilder-policy-" + Guid.NewGuid().ToString("N")[..8]);
    private WardleServer _wardle = null!;
    private KubectlClient _jane = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var policy = Path.Combine(_directory, "policy.jsonl");
        await File.WriteAllTextAsync(policy, Policy + "\n");
        _wardle = new WardleServer("--authorization-policy-file", policy, "--log-level", "Debug");
        await _wardle.InitializeAsync();

        // jane's certificate from the local CA the server made (CN is the user, O the groups).
        using var ca = X509Certificate2.CreateFromPemFile(
            Path.Combine(_wardle.CertificateDirectory, "ca.crt"), Path.Combine(_wardle.CertificateDirectory, "ca.key"));
        using var jane = ClientCertificateIssuer.Issue(ca, "jane", ["developers"], TimeSpan.FromDays(1), TimeProvider.System);
        var kubeconfig = Path.Combine(_directory, "jane.kubeconfig");
        KubeconfigWriter.Write(kubeconfig, new KubeconfigSpec
        {
            ServerUrl = _wardle.BaseAddress.GetLeftPart(UriPartial.Authority),
            ClusterName = "wardle",
            UserName = "jane",
            ContextName = "jane",
            CertificateAuthorityPem = _wardle.CertificateAuthorityPem,
            ClientCertificatePem = PemExport.Certificate(jane),
            ClientKeyPem = PemExport.PrivateKey(jane),
        });
        _jane = new KubectlClient(kubeconfig, Path.Combine(_directory, "cache"), _directory, _wardle.Output);
    }

    public async Task DisposeAsync()
    {
        await _wardle.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_policy_file_lets_a_second_user_do_what_it_grants_and_nothing_else()
    {
        (await _wardle.Kubectl.RunWithInputAsync(Manifests.Flunder("shared", "default"), "create", "-f", "-")).ShouldSucceed();

        // Read-only on flunders everywhere.
        (await _jane.RunAsync("get", "flunders", "-A")).ShouldSucceed().StdoutShouldContain("shared");
        (await _jane.RunAsync("get", "flunder", "shared", "-n", "default", "-o", "name")).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/shared");
        (await _jane.RunAsync("delete", "flunder", "shared", "-n", "default", "--wait=false"))
            .ShouldFailWith("Error from server (Forbidden): flunders.wardle.example.com \"shared\" is forbidden: User \"jane\" cannot delete resource \"flunders\" in API group \"wardle.example.com\" in the namespace \"default\": no policy matched");
        (await _jane.RunAsync("patch", "flunder", "shared", "-n", "default", "--type", "merge", "-p", """{"spec":{"reference":"x"}}"""))
            .ShouldFailWith("cannot patch resource \"flunders\"");

        // At Debug level the server logs each request's user and the decision.
        Assert.True(_wardle.Output.Contains(
            "DELETE /apis/wardle.example.com/v1beta1/namespaces/default/flunders/shared: user jane groups [developers,system:authenticated] verb delete → Deny (no policy matched)"),
            _wardle.Explain("no Debug line for jane's denied delete"));
        Assert.True(_wardle.Output.LinesContaining("user jane").Any(l => l.Contains("verb list → Allow", StringComparison.Ordinal)),
            _wardle.Explain("no Debug line for jane's allowed list"));

        // Anything in namespace jane, subresources included.
        (await _jane.RunWithInputAsync(Manifests.Flunder("own", "jane"), "create", "-f", "-")).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/own created");
        (await _jane.RunAsync("patch", "flunder", "own", "-n", "jane", "--subresource", "status", "--type", "merge", "-p", """{"status":{"phase":"Ready"}}"""))
            .ShouldSucceed();
        (await _jane.RunAsync("delete", "flunders", "--all", "-n", "jane", "--wait=false")).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com \"own\" deleted");

        // Nothing else: cluster-scoped fischers, and other namespaces for writes.
        (await _jane.RunAsync("get", "fischers"))
            .ShouldFailWith("fischers.wardle.example.com is forbidden: User \"jane\" cannot list resource \"fischers\" in API group \"wardle.example.com\" at the cluster scope");
        (await _jane.RunWithInputAsync(Manifests.Flunder("elsewhere", "team-b"), "create", "-f", "-"))
            .ShouldFailWith("cannot create resource \"flunders\" in API group \"wardle.example.com\" in the namespace \"team-b\"");

        // Discovery works for every authenticated user, so kubectl finds the resources at all.
        (await _jane.RunAsync("api-resources", "--api-group=wardle.example.com")).ShouldSucceed().StdoutShouldContain("flunders");

        // The administrator the server wrote is in system:masters and may do everything.
        (await _wardle.Kubectl.RunAsync("delete", "flunder", "shared", "-n", "default", "--wait=false")).ShouldSucceed();
    }
}
