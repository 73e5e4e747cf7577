using System.Net;
using System.Net.Sockets;
using ApiBuilder.Cli.Tests.Infrastructure;

namespace ApiBuilder.Cli.Tests;

/// <summary>run local's checks that come before anything is built or started.</summary>
public sealed class RunLocalTests
{
    [Fact]
    public async Task ABusyPortIsAUserError()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var result = await CliRun.InAsync(root, "run", "local", "--secure-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        InitRepoTests.AssertUserError(result, $"port {port} on 127.0.0.1 is already in use", "pass --secure-port with a free port");
    }

    [Fact]
    public async Task StartEtcdWithoutEtcdIsAUserError()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);

        var result = await CliRun.WithAsync(root, FakePackages.Directory, _ => null, "run", "local", "--start-etcd", "--secure-port", "0");

        InitRepoTests.AssertUserError(result, "--start-etcd needs etcd, which is not on PATH", "apt-get install etcd-server");
    }

    [Fact]
    public async Task TwoStorageChoicesAreAUserError()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);

        var result = await CliRun.InAsync(root, "run", "local", "--start-etcd", "--etcd-servers", "http://127.0.0.1:2379");

        InitRepoTests.AssertUserError(result, "--storage, --etcd-servers and --start-etcd each choose the storage", "Pass only one");
    }

    [Fact]
    public async Task NeverReplacesAKubeconfigItDidNotWrite()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        var mine = temp.Combine("config");
        File.WriteAllText(mine, "apiVersion: v1\nkind: Config\ncurrent-context: \"production\"\n");

        var result = await CliRun.InAsync(root, "run", "local", "--secure-port", "0", "--kubeconfig", mine);

        InitRepoTests.AssertUserError(result, mine + " exists and was not written by an ApiBuilder server", "Pass --kubeconfig with another path");
        Assert.Contains("production", File.ReadAllText(mine), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidBindAddressIsAUserError()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);

        var result = await CliRun.InAsync(root, "run", "local", "--bind-address", "localhost:1");

        InitRepoTests.AssertUserError(result, "invalid --bind-address", "127.0.0.1");
    }
}
