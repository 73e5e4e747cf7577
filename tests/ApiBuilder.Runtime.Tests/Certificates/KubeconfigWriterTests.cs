using System.Text;
using System.Text.Json;
using ApiBuilder.Runtime.Certificates;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Certificates;

public sealed class KubeconfigWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private readonly ManualTimeProvider _time = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Write_IsReadByRealKubectl()
    {
        using var certificates = CertificateDirectory.LoadOrCreate(_temp.Combine("certs"), [], [], _time);
        // Names with YAML-significant characters must survive quoting.
        var spec = LocalKubeconfig.Create(
            certificates, "https://127.0.0.1:9443", "demo: \"local\" #1", "admin", ["system:masters"], TimeSpan.FromDays(365), _time)
            with { UserName = "admin\\user", ContextName = "ctx-1" };
        var path = _temp.Combine("nested", "dir", "kubeconfig");

        KubeconfigWriter.Write(path, spec);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var view = await Kubectl.RunAsync("config", "view", "--kubeconfig", path, "-o", "json", "--raw");
        Assert.True(view.ExitCode == 0, view.Stderr);
        using var json = JsonDocument.Parse(view.Stdout);
        var root = json.RootElement;
        var cluster = Assert.Single(root.GetProperty("clusters").EnumerateArray());
        Assert.Equal("demo: \"local\" #1", cluster.GetProperty("name").GetString());
        Assert.Equal("https://127.0.0.1:9443", cluster.GetProperty("cluster").GetProperty("server").GetString());
        Assert.Equal(certificates.CaBundlePem, Decode(cluster.GetProperty("cluster").GetProperty("certificate-authority-data")));
        var user = Assert.Single(root.GetProperty("users").EnumerateArray());
        Assert.Equal("admin\\user", user.GetProperty("name").GetString());
        Assert.Equal(spec.ClientCertificatePem, Decode(user.GetProperty("user").GetProperty("client-certificate-data")));
        Assert.Equal(spec.ClientKeyPem, Decode(user.GetProperty("user").GetProperty("client-key-data")));
        var context = Assert.Single(root.GetProperty("contexts").EnumerateArray());
        Assert.Equal("demo: \"local\" #1", context.GetProperty("context").GetProperty("cluster").GetString());
        Assert.Equal("admin\\user", context.GetProperty("context").GetProperty("user").GetString());
        Assert.Equal("ctx-1", root.GetProperty("current-context").GetString());

        var current = await Kubectl.RunAsync("config", "current-context", "--kubeconfig", path);
        Assert.True(current.ExitCode == 0, current.Stderr);
        Assert.Equal("ctx-1", current.Stdout.Trim());
    }

    [Fact]
    public void LocalKubeconfig_WithoutLocalCa_ExplainsWhy()
    {
        using var ca = TestPki.CreateCa(_time);
        var explicitCertificates = new ServingCertificates
        {
            ServingCertificate = TestPki.IssueServerOnly(ca, _time),
            ServingCertificateChain = [],
            ClientCertificateAuthorities = [],
            CaBundlePem = PemExport.Certificate(ca),
        };
        using (explicitCertificates)
        {
            var error = Assert.Throws<CertificateException>(() => LocalKubeconfig.Create(
                explicitCertificates, "https://127.0.0.1:9443", "local", "admin", [], TimeSpan.FromDays(1), _time));

            Assert.Contains("--tls-cert-file", error.Message, StringComparison.Ordinal);
        }
    }

    private static string Decode(JsonElement base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64.GetString()!));
}
