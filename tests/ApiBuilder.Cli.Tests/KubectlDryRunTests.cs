using ApiBuilder.Cli.Processes;
using ApiBuilder.Cli.Tests.Infrastructure;

namespace ApiBuilder.Cli.Tests;

/// <summary>
/// kubectl itself reads every manifest build config writes: <c>kubectl apply --dry-run=client</c>
/// against a loopback stand-in that serves discovery and answers 404 to every object.
/// </summary>
public sealed class KubectlDryRunTests
{
    /// <summary>
    /// The dry run above cannot check fields against the cluster's schema (the stand-in serves no
    /// OpenAPI for built-in types), so every object is also read into KubernetesClient's model of its
    /// kind, strictly: an unknown kind, an unknown field or a value of the wrong type fails.
    /// </summary>
    [Theory]
    [InlineData("sqlite", false)]
    [InlineData("etcd", true)]
    public async Task EveryManifestIsItsKindsModelWithNoUnknownField(string storage, bool controllerManager)
    {
        using var temp = new TempDirectory();
        var root = DeployableProject.Create(temp);
        var build = await CliRun.InAsync(root, DeployableProject.BuildConfig(controllerManager ? ["--storage", storage, "--controller-manager"] : ["--storage", storage]));
        Assert.True(build.ExitCode == 0, build.ToString());

        var files = Directory.GetFiles(Path.Combine(root, "config"), "*.yaml");
        Assert.NotEmpty(files);
        var count = 0;
        foreach (var file in files)
        {
            IList<object> objects;
            try
            {
                objects = k8s.KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(file), typeMap: null, strict: true);
            }
            catch (Exception e)
            {
                Assert.Fail($"{Path.GetFileName(file)}: {e.Message} {e.InnerException?.Message}");
                throw;
            }

            foreach (var o in objects)
            {
                var typed = Assert.IsAssignableFrom<k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>>(o);
                Assert.False(string.IsNullOrEmpty(typed.Metadata?.Name), $"{Path.GetFileName(file)}: a {typed.Kind} without a name");
                count++;
            }
        }

        Assert.True(count >= 10, $"only {count} objects");
    }

    [Theory]
    [InlineData("sqlite", false)]
    [InlineData("etcd", true)]
    public async Task KubectlAcceptsEveryManifest(string storage, bool controllerManager)
    {
        if (ProcessRunner.FindOnPath("kubectl") is not { } kubectl)
        {
            return; // kubectl is not installed here; CI has it
        }

        using var temp = new TempDirectory();
        var root = DeployableProject.Create(temp);
        var build = await CliRun.InAsync(root, DeployableProject.BuildConfig(controllerManager ? ["--storage", storage, "--controller-manager"] : ["--storage", storage]));
        Assert.True(build.ExitCode == 0, build.ToString());
        await using var server = new DiscoveryStandIn();
        var kubeconfig = server.WriteKubeconfig(temp.Combine("kubeconfig"));

        var apply = await ProcessRunner.RunAsync(kubectl,
            ["--kubeconfig", kubeconfig, "--cache-dir", temp.Combine("kube-cache"), "apply", "--dry-run=client", "--validate=false", "-f", Path.Combine(root, "config") + "/"],
            root, CancellationToken.None);

        Assert.True(apply.ExitCode == 0, apply.Text + "\nrequests:\n" + string.Join('\n', server.Requests));
        var expected = new List<string>
        {
            $"serviceaccount/{DeployableProject.Name} created (dry run)",
            $"clusterrolebinding.rbac.authorization.k8s.io/{DeployableProject.Name}:system:auth-delegator created (dry run)",
            $"rolebinding.rbac.authorization.k8s.io/{DeployableProject.Name}:extension-apiserver-authentication-reader created (dry run)",
            $"secret/{DeployableProject.Name}-serving-cert created (dry run)",
            $"deployment.apps/{DeployableProject.Name} created (dry run)",
            $"service/{DeployableProject.Name} created (dry run)",
            "apiservice.apiregistration.k8s.io/v1alpha1.ships.example.com created (dry run)",
            $"namespace/{DeployableProject.Namespace} created (dry run)",
        };
        expected.Add(storage == "etcd" ? $"statefulset.apps/{DeployableProject.Name}-etcd created (dry run)" : $"persistentvolumeclaim/{DeployableProject.Name}-data created (dry run)");
        if (controllerManager)
        {
            expected.AddRange(
            [
                $"serviceaccount/{DeployableProject.Name}-controller-manager created (dry run)",
                $"clusterrole.rbac.authorization.k8s.io/{DeployableProject.Name}:controller-manager created (dry run)",
                $"clusterrolebinding.rbac.authorization.k8s.io/{DeployableProject.Name}:controller-manager created (dry run)",
                $"role.rbac.authorization.k8s.io/{DeployableProject.Name}:controller-manager:leader-election created (dry run)",
                $"rolebinding.rbac.authorization.k8s.io/{DeployableProject.Name}:controller-manager:leader-election created (dry run)",
                $"deployment.apps/{DeployableProject.Name}-controller-manager created (dry run)",
            ]);
        }

        foreach (var line in expected)
        {
            Assert.True(apply.Lines.Contains(line), $"kubectl did not say \"{line}\":\n{apply.Text}");
        }

        Assert.DoesNotContain(apply.Lines, l => l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.Contains("warning", StringComparison.OrdinalIgnoreCase));
    }
}
