using ApiBuilder.Cli.Tests.Infrastructure;

namespace ApiBuilder.Cli.Tests;

public sealed class RunInClusterTests
{
    private static string[] RunInCluster(params string[] more) =>
        ["run", "in-cluster", "--name", DeployableProject.Name, "--namespace", DeployableProject.Namespace, "--image", DeployableProject.Image, .. more];

    [Fact]
    public async Task DryRunWritesTheManifestsAndRunsNothing()
    {
        using var temp = new TempDirectory();
        var root = DeployableProject.Create(temp);
        var kubectl = new FakeKubectl(temp);

        var result = await CliRun.WithAsync(root, FakePackages.Directory, kubectl.OnlyKubectl, RunInCluster("--dry-run"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(kubectl.Calls);
        Assert.True(File.Exists(Path.Combine(root, "config", "07-apiservice.yaml")));
        Assert.Contains("Dry run: nothing was built, pushed or applied", result.Out, StringComparison.Ordinal);
        Assert.Contains("  kubectl apply -f config/", result.Out, StringComparison.Ordinal);
        Assert.Contains("  kubectl wait --for=condition=Available apiservice/v1beta1.ships.example.com --timeout=180s", result.Out, StringComparison.Ordinal);
        Assert.Contains($"push {DeployableProject.Image}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppliesTheFolderThenWaitsForEveryApiServiceInOrder()
    {
        using var temp = new TempDirectory();
        var root = DeployableProject.Create(temp);
        var kubectl = new FakeKubectl(temp);
        var kubeconfig = temp.Combine("cluster.kubeconfig");

        var result = await CliRun.WithAsync(root, FakePackages.Directory, kubectl.OnlyKubectl, RunInCluster("--kubeconfig", kubeconfig, "--wait-timeout", "30"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var config = Path.Combine(root, "config") + Path.DirectorySeparatorChar;
        Assert.Equal(
        [
            $"--kubeconfig {kubeconfig} apply -f {config}",
            $"--kubeconfig {kubeconfig} wait --for=condition=Available apiservice/v1.sea-ports.example.com --timeout=30s",
            $"--kubeconfig {kubeconfig} wait --for=condition=Available apiservice/v1beta1.ships.example.com --timeout=30s",
            $"--kubeconfig {kubeconfig} wait --for=condition=Available apiservice/v1alpha1.ships.example.com --timeout=30s",
        ], kubectl.Calls);
        Assert.Contains("expected to exist already", result.Out, StringComparison.Ordinal); // no docker or podman on this PATH
        Assert.Contains("waiting for APIService v1alpha1.ships.example.com to become Available", result.Out, StringComparison.Ordinal);
        Assert.Contains("every APIService is Available", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailingApplyIsOneLineWithTheFix()
    {
        using var temp = new TempDirectory();
        var root = DeployableProject.Create(temp);
        var kubectl = new FakeKubectl(temp, "echo 'error: You must be logged in to the server (Unauthorized)' >&2\nexit 1");

        var result = await CliRun.WithAsync(root, FakePackages.Directory, kubectl.OnlyKubectl, RunInCluster("--build-image=false"));

        InitRepoTests.AssertUserError(result, "kubectl apply failed: error: You must be logged in to the server (Unauthorized)", "kubectl config current-context");
        Assert.Single(kubectl.Calls);
    }

    [Fact]
    public async Task AnUnavailableApiServiceShowsItsConditionAndAHint()
    {
        using var temp = new TempDirectory();
        var root = DeployableProject.Create(temp);
        var kubectl = new FakeKubectl(temp, """
            case "$1" in
              wait) echo 'error: timed out waiting for the condition on apiservices/v1.sea-ports.example.com' >&2; exit 1 ;;
              get) echo -n 'FailedDiscoveryCheck: failing or missing response from https://10.96.0.12:443/apis/sea-ports.example.com/v1: x509: certificate signed by unknown authority' ;;
            esac
            """);

        var result = await CliRun.WithAsync(root, FakePackages.Directory, kubectl.OnlyKubectl, RunInCluster());

        InitRepoTests.AssertUserError(result,
            "APIService v1.sea-ports.example.com did not become Available within 180s (FailedDiscoveryCheck: failing or missing response from https://10.96.0.12:443/apis/sea-ports.example.com/v1: x509: certificate signed by unknown authority)",
            "caBundle does not verify the serving certificate");
        Assert.Equal(3, kubectl.Calls.Count); // apply, wait, get: it stops at the first unavailable APIService
    }

    [Fact]
    public async Task WithoutKubectlItSaysHowToGetIt()
    {
        using var temp = new TempDirectory();
        var root = DeployableProject.Create(temp);

        var result = await CliRun.WithAsync(root, FakePackages.Directory, _ => null, RunInCluster());

        InitRepoTests.AssertUserError(result, "kubectl is not on PATH", "Install kubectl");
    }
}
