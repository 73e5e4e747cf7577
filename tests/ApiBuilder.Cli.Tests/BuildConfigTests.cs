using System.Security.Cryptography.X509Certificates;
using System.Text;
using ApiBuilder.Cli.Deployment;
using ApiBuilder.Cli.Tests.Infrastructure;
using static ApiBuilder.Cli.Tests.Infrastructure.Manifests;

namespace ApiBuilder.Cli.Tests;

public sealed class BuildConfigTests
{
    private const string Name = DeployableProject.Name;
    private const string Namespace = DeployableProject.Namespace;

    [Fact]
    public async Task WritesTheManifestsAndCertificatesAndKeepsTheSamples()
    {
        using var temp = new TempDirectory();
        var root = DeployableProject.Create(temp);

        var result = await CliRun.InAsync(root, DeployableProject.BuildConfig());

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var file in new[]
        {
            "00-namespace.yaml", "01-serviceaccount.yaml", "02-rbac.yaml", "03-serving-cert-secret.yaml", "04-storage.yaml", "05-deployment.yaml", "06-service.yaml", "07-apiservice.yaml",
        })
        {
            Assert.True(File.Exists(Path.Combine(root, "config", file)), file + " is missing");
            Assert.Contains("  create    " + Path.Combine("config", file), result.Out, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(root, "config", "04-etcd.yaml")));
        Assert.Equal(["ca.crt", "ca.key", "tls.crt", "tls.key"], Directory.GetFiles(Path.Combine(root, "config", "certificates")).Select(Path.GetFileName).Order());
        Assert.Equal("# config\n", File.ReadAllText(Path.Combine(root, "config", "README.md")));
        Assert.True(File.Exists(Path.Combine(root, "config", "samples", "ships.example.com_v1alpha1_frigate.yaml")));
        Assert.Contains("kubectl apply -f config/", result.Out, StringComparison.Ordinal);
        Assert.Contains("kubectl get apiservice v1alpha1.ships.example.com", result.Out, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(root, "config", "certificates", "tls.key")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(root, "config", "certificates", "ca.key")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(root, "config", "03-serving-cert-secret.yaml")));
        }
    }

    [Fact]
    public async Task TheManifestsAreConsistentWithEachOther()
    {
        using var temp = new TempDirectory();
        var root = DeployableProject.Create(temp);

        var result = await CliRun.InAsync(root, DeployableProject.BuildConfig());

        Assert.True(result.ExitCode == 0, result.ToString());
        var manifests = Read(Path.Combine(root, "config"));

        // Names and namespaces: every namespaced object is in the namespace, except the reader binding in kube-system.
        Assert.Equal(Namespace, Text(manifests.Single("Namespace"), "metadata.name"));
        string[] clusterScoped = ["Namespace", "ClusterRole", "ClusterRoleBinding", "APIService"];
        foreach (var (file, o) in manifests.Objects.Where(o => !clusterScoped.Contains(Text(o.Object, "kind"))))
        {
            var expected = Text(o, "kind") == "RoleBinding" ? "kube-system" : Namespace;
            Assert.True(Text(o, "metadata.namespace") == expected, $"{file}: {Text(o, "kind")} {Text(o, "metadata.name")} is not in {expected}");
        }

        // The pods: selector, labels, ports, service account, secret and volume.
        var deployment = manifests.Single("Deployment", Name);
        var podLabels = Map(deployment, "spec.template.metadata.labels");
        Assert.Equal(podLabels, Map(deployment, "spec.selector.matchLabels"));
        Assert.Equal("1", Text(deployment, "spec.replicas"));
        Assert.Equal("Recreate", Text(deployment, "spec.strategy.type"));
        Assert.Equal(Name, Text(deployment, "spec.template.spec.serviceAccountName"));
        var container = Assert.Single(Items(deployment, "spec.template.spec.containers"));
        Assert.Equal(DeployableProject.Image, Text(container, "image"));
        var port = Assert.Single(Items(container, "ports"));
        Assert.Equal("https", Text(port, "name"));
        Assert.Equal("8443", Text(port, "containerPort"));
        Assert.Equal("https", Text(container, "readinessProbe.httpGet.port"));
        Assert.Equal("/readyz", Text(container, "readinessProbe.httpGet.path"));
        Assert.Equal("HTTPS", Text(container, "livenessProbe.httpGet.scheme"));
        Assert.Equal("/livez", Text(container, "livenessProbe.httpGet.path"));
        Assert.Equal("true", Text(container, "securityContext.readOnlyRootFilesystem"));
        Assert.Equal("false", Text(container, "securityContext.allowPrivilegeEscalation"));
        var args = Items(container, "args").Select(a => ((YamlDotNet.RepresentationModel.YamlScalarNode)a).Value).ToList();
        Assert.Contains("--secure-port=8443", args);
        Assert.Contains("--tls-cert-file=/var/run/apiserver/serving-cert/tls.crt", args);
        Assert.Contains("--storage=sqlite:/var/lib/apiserver/storage.db", args);
        var volumes = Items(deployment, "spec.template.spec.volumes");
        Assert.Contains(volumes, v => Text(v, "secret.secretName") == Name + "-serving-cert");
        Assert.Contains(volumes, v => Text(v, "persistentVolumeClaim.claimName") == Name + "-data");
        Assert.Contains(volumes, v => Text(v, "name") == "tmp" && At(v, "emptyDir") is not null);
        Assert.Equal("ReadWriteOnce", Assert.Single(Items(manifests.Single("PersistentVolumeClaim", Name + "-data"), "spec.accessModes")).ToString());
        Assert.Equal(Name, Text(manifests.Single("ServiceAccount"), "metadata.name"));

        // The Service selects the pods and targets the container's port by name.
        var service = manifests.Single("Service", Name);
        Assert.Equal(podLabels, Map(service, "spec.selector"));
        var servicePort = Assert.Single(Items(service, "spec.ports"));
        Assert.Equal(Text(port, "name"), Text(servicePort, "targetPort"));

        // One APIService per group-version, named <version>.<group>, on the Service's port, in Kubernetes' version order.
        var apiServices = manifests.OfKind("APIService").ToList();
        Assert.Equal(DeployableProject.ApiServices.Order(), apiServices.Select(a => Text(a, "metadata.name")!).Order());
        foreach (var apiService in apiServices)
        {
            Assert.Equal(Text(apiService, "metadata.name"), Text(apiService, "spec.version") + "." + Text(apiService, "spec.group"));
            Assert.Equal(Name, Text(apiService, "spec.service.name"));
            Assert.Equal(Namespace, Text(apiService, "spec.service.namespace"));
            Assert.Equal(Text(servicePort, "port"), Text(apiService, "spec.service.port"));
            Assert.Equal("1000", Text(apiService, "spec.groupPriorityMinimum"));
            Assert.Null(At(apiService, "spec.insecureSkipTLSVerify"));
        }

        Assert.Equal("100", Text(manifests.Single("APIService", "v1beta1.ships.example.com"), "spec.versionPriority"));
        Assert.Equal("90", Text(manifests.Single("APIService", "v1alpha1.ships.example.com"), "spec.versionPriority"));
        Assert.Equal("100", Text(manifests.Single("APIService", "v1.sea-ports.example.com"), "spec.versionPriority"));

        // Certificates: the caBundle verifies the Secret's certificate, which names the Service and is the one on disk.
        var certificates = Path.Combine(root, "config", "certificates");
        var caBundle = Decode(Text(apiServices[0], "spec.caBundle"));
        Assert.All(apiServices, a => Assert.Equal(caBundle, Decode(Text(a, "spec.caBundle"))));
        Assert.Equal(File.ReadAllText(Path.Combine(certificates, "ca.crt")), caBundle);
        var secret = manifests.Single("Secret", Name + "-serving-cert");
        Assert.Equal("kubernetes.io/tls", Text(secret, "type"));
        var tlsCrt = Decode(Map(secret, "data")["tls.crt"]);
        var tlsKey = Decode(Map(secret, "data")["tls.key"]);
        Assert.Equal(File.ReadAllText(Path.Combine(certificates, "tls.crt")), tlsCrt);
        Assert.Equal(File.ReadAllText(Path.Combine(certificates, "tls.key")), tlsKey);
        using var ca = X509Certificate2.CreateFromPem(caBundle);
        using var serving = X509Certificate2.CreateFromPem(tlsCrt, tlsKey); // the key belongs to the certificate
        Assert.True(Verifies(ca, serving), "the caBundle does not verify tls.crt");
        foreach (var host in new[] { $"{Name}.{Namespace}.svc", $"{Name}.{Namespace}.svc.cluster.local", $"{Name}.{Namespace}", Name })
        {
            Assert.True(serving.MatchesHostname(host), "tls.crt is not valid for " + host);
        }

        Assert.False(serving.MatchesHostname($"{Name}.other.svc"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(tlsCrt))),
            Map(deployment, "spec.template.metadata.annotations")["apiserver-boot/serving-cert-sha256"]);
        var usages = Assert.Single(serving.Extensions.OfType<X509EnhancedKeyUsageExtension>()).EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>();
        Assert.Contains(usages, u => u.Value == "1.3.6.1.5.5.7.3.1");

        // RBAC: every subject is the server's ServiceAccount; the delegation roles are bound; user roles aggregate.
        foreach (var (file, o) in manifests.Objects)
        {
            foreach (var subject in Items(o, "subjects"))
            {
                Assert.True(Text(subject, "kind") == "ServiceAccount" && Text(subject, "name") == Name && Text(subject, "namespace") == Namespace, $"{file}: {Text(o, "metadata.name")} binds another subject");
            }
        }

        Assert.Equal("system:auth-delegator", Text(manifests.Single("ClusterRoleBinding", Name + ":system:auth-delegator"), "roleRef.name"));
        Assert.Equal("extension-apiserver-authentication-reader", Text(manifests.Single("RoleBinding"), "roleRef.name"));
        Assert.Equal(Name + ":apiserver", Text(manifests.Single("ClusterRoleBinding", Name + ":apiserver"), "roleRef.name"));
        var edit = manifests.Single("ClusterRole", Name + ":ships.example.com:edit");
        Assert.Equal("true", Map(edit, "metadata.labels")["rbac.authorization.k8s.io/aggregate-to-edit"]);
        var rule = Assert.Single(Items(edit, "rules"));
        Assert.Equal(["frigates", "frigates/scale", "frigates/status"], Items(rule, "resources").Select(r => r.ToString()));
        Assert.Contains("deletecollection", Items(rule, "verbs").Select(v => v.ToString()));
        var view = manifests.Single("ClusterRole", Name + ":sea-ports.example.com:view");
        Assert.Equal(["get", "list", "watch"], Items(Assert.Single(Items(view, "rules")), "verbs").Select(v => v.ToString()));
    }

    [Fact]
    public async Task ARerunKeepsTheCertificatesAndWritesTheSameBytes()
    {
        using var temp = new TempDirectory();
        var root = DeployableProject.Create(temp);
        Assert.Equal(0, (await CliRun.InAsync(root, DeployableProject.BuildConfig())).ExitCode);
        var first = Snapshot(Path.Combine(root, "config"));

        var again = await CliRun.InAsync(root, DeployableProject.BuildConfig());

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(first, Snapshot(Path.Combine(root, "config")));
        Assert.DoesNotContain("  create ", again.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("  cert ", again.Out, StringComparison.Ordinal);
        Assert.Contains("  unchanged " + Path.Combine("config", "05-deployment.yaml"), again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherNamespaceReissuesTheServingCertificateWithTheSameCa()
    {
        using var temp = new TempDirectory();
        var root = DeployableProject.Create(temp);
        Assert.Equal(0, (await CliRun.InAsync(root, DeployableProject.BuildConfig())).ExitCode);
        var certificates = Path.Combine(root, "config", "certificates");
        var ca = File.ReadAllText(Path.Combine(certificates, "ca.crt"));
        var caKey = File.ReadAllText(Path.Combine(certificates, "ca.key"));
        var serving = File.ReadAllText(Path.Combine(certificates, "tls.crt"));

        var result = await CliRun.InAsync(root, "build", "config", "--name", Name, "--namespace", "harbor", "--image", DeployableProject.Image);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("issued a serving certificate for fleet-server.harbor.svc (the one there named another Service)", result.Out, StringComparison.Ordinal);
        Assert.Equal(ca, File.ReadAllText(Path.Combine(certificates, "ca.crt")));
        Assert.Equal(caKey, File.ReadAllText(Path.Combine(certificates, "ca.key")));
        Assert.NotEqual(serving, File.ReadAllText(Path.Combine(certificates, "tls.crt")));
        using var reissued = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(certificates, "tls.crt")));
        using var authority = X509Certificate2.CreateFromPem(ca);
        Assert.True(reissued.MatchesHostname($"{Name}.harbor.svc"));
        Assert.True(Verifies(authority, reissued));
        Assert.Contains("namespace: harbor", File.ReadAllText(Path.Combine(root, "config", "05-deployment.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void AServingCertificateCloseToExpiryIsReissuedWithTheSameCa()
    {
        using var temp = new TempDirectory();
        var first = ServingCertificateSet.Ensure(temp.Path, Name, Namespace, TimeProvider.System);

        var stillValid = ServingCertificateSet.Ensure(temp.Path, Name, Namespace, new FixedTime(DateTimeOffset.UtcNow.AddDays(300)));
        var expiring = ServingCertificateSet.Ensure(temp.Path, Name, Namespace, new FixedTime(DateTimeOffset.UtcNow.AddDays(340)));

        Assert.Equal(2, first.Changes.Count); // a CA and a serving certificate
        Assert.Empty(stillValid.Changes);
        Assert.Equal(first.CertificatePem, stillValid.CertificatePem);
        Assert.Contains("(the one there expires on ", Assert.Single(expiring.Changes), StringComparison.Ordinal);
        Assert.NotEqual(first.CertificatePem, expiring.CertificatePem);
        Assert.Equal(first.CaPem, expiring.CaPem);
    }

    [Fact]
    public async Task EtcdStorageDeploysAnEtcdStatefulSetInsteadOfTheVolume()
    {
        using var temp = new TempDirectory();
        var root = DeployableProject.Create(temp);
        Assert.Equal(0, (await CliRun.InAsync(root, DeployableProject.BuildConfig())).ExitCode);

        var result = await CliRun.InAsync(root, DeployableProject.BuildConfig("--storage", "etcd", "--replicas", "2", "--storage-class", "fast"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("  remove    " + Path.Combine("config", "04-storage.yaml"), result.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(root, "config", "04-storage.yaml")));
        var manifests = Read(Path.Combine(root, "config"));
        var etcd = manifests.Single("StatefulSet", Name + "-etcd");
        Assert.Equal(Name + "-etcd", Text(etcd, "spec.serviceName"));
        Assert.Equal("None", Text(manifests.Single("Service", Name + "-etcd"), "spec.clusterIP"));
        Assert.Equal(Map(etcd, "spec.selector.matchLabels"), Map(manifests.Single("Service", Name + "-etcd"), "spec.selector"));
        Assert.Equal("fast", Text(Assert.Single(Items(etcd, "spec.volumeClaimTemplates")), "spec.storageClassName"));
        Assert.Equal("true", Text(etcd, "spec.template.spec.securityContext.runAsNonRoot"));
        var deployment = manifests.Single("Deployment", Name);
        Assert.Equal("2", Text(deployment, "spec.replicas"));
        Assert.Null(At(deployment, "spec.strategy"));
        var args = Items(Assert.Single(Items(deployment, "spec.template.spec.containers")), "args").Select(a => a.ToString()).ToList();
        Assert.Contains($"--etcd-servers=http://{Name}-etcd-0.{Name}-etcd.{Namespace}.svc:2379", args);
        Assert.DoesNotContain(args, a => a.StartsWith("--storage", StringComparison.Ordinal));
        Assert.DoesNotContain(Items(deployment, "spec.template.spec.volumes"), v => At(v, "persistentVolumeClaim") is not null);
    }

    [Fact]
    public async Task AControllerManagerRunsTheControllersInPodsOfTheirOwn()
    {
        using var temp = new TempDirectory();
        var root = DeployableProject.Create(temp);

        var result = await CliRun.InAsync(root, DeployableProject.BuildConfig("--storage", "etcd", "--controller-manager", "--controller-manager-replicas", "2"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var manifests = Read(Path.Combine(root, "config"));
        var serverArgs = Items(Assert.Single(Items(manifests.Single("Deployment", Name), "spec.template.spec.containers")), "args").Select(a => a.ToString()).ToList();
        Assert.Contains("--controllers=", serverArgs);

        var manager = manifests.Single("Deployment", Name + "-controller-manager");
        Assert.Equal("2", Text(manager, "spec.replicas"));
        var pod = At(manager, "spec.template.spec")!;
        Assert.Equal(Name + "-controller-manager", Text(pod, "serviceAccountName"));
        var container = Assert.Single(Items(pod, "containers"));
        Assert.Equal(DeployableProject.Image, Text(container, "image"));
        Assert.Equal("controller-manager", Items(container, "args").First().ToString());
        Assert.Equal("health", Text(container, "livenessProbe.httpGet.port"));
        Assert.Equal(Name + "-controller-manager", Map(manager, "spec.selector.matchLabels")["app.kubernetes.io/name"]);
        Assert.Equal(Name + "-controller-manager", Map(manager, "spec.template.metadata.labels")["app.kubernetes.io/name"]);

        // Its account may work on the project's resources (and their status), record events and take the lease.
        Assert.Equal(Name + "-controller-manager", Text(manifests.Single("ServiceAccount", Name + "-controller-manager"), "metadata.name"));
        var rules = Items(manifests.Single("ClusterRole", Name + ":controller-manager"), "rules").ToList();
        Assert.Contains(rules, r => Items(r, "apiGroups").Select(g => g.ToString()).SequenceEqual(["ships.example.com"])
            && Items(r, "resources").Select(x => x.ToString()).Contains("frigates/status"));
        Assert.Contains(rules, r => Items(r, "resources").Select(x => x.ToString()).SequenceEqual(["events"]));
        var leases = Assert.Single(Items(manifests.Single("Role", Name + ":controller-manager:leader-election"), "rules"));
        Assert.Equal(["leases"], Items(leases, "resources").Select(x => x.ToString()));
        foreach (var binding in new[] { manifests.Single("ClusterRoleBinding", Name + ":controller-manager"), manifests.Single("RoleBinding", Name + ":controller-manager:leader-election") })
        {
            var subject = Assert.Single(Items(binding, "subjects"));
            Assert.Equal(Name + "-controller-manager", Text(subject, "name"));
            Assert.Equal(Namespace, Text(subject, "namespace"));
        }

        // Without the flag again, the file goes and the server runs its controllers.
        var again = await CliRun.InAsync(root, DeployableProject.BuildConfig("--storage", "etcd"));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.False(File.Exists(Path.Combine(root, "config", "08-controller-manager.yaml")));
    }

    [Fact]
    public async Task TheDefaultNamespaceGetsNoNamespaceManifestAndFlagsReachThePods()
    {
        using var temp = new TempDirectory();
        var root = DeployableProject.Create(temp);

        var result = await CliRun.InAsync(root, "build", "config", "--name", Name, "--namespace", "default", "--image", DeployableProject.Image, "--output", "deploy",
            "--service-account", "fleet-sa", "--image-pull-secrets", "registry-a", "--apiserver-args", "--log-level=Debug");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(Path.Combine(root, "deploy", "00-namespace.yaml")));
        var manifests = Read(Path.Combine(root, "deploy"));
        Assert.Equal("fleet-sa", Text(manifests.Single("ServiceAccount"), "metadata.name"));
        var pod = At(manifests.Single("Deployment"), "spec.template.spec")!;
        Assert.Equal("fleet-sa", Text(pod, "serviceAccountName"));
        Assert.Equal("registry-a", Text(Assert.Single(Items(pod, "imagePullSecrets")), "name"));
        Assert.Equal("--log-level=Debug", Items(Assert.Single(Items(pod, "containers")), "args").Last().ToString());
        Assert.All(manifests.Objects.SelectMany(o => Items(o.Object, "subjects")), s => Assert.Equal("fleet-sa", Text(s, "name")));
    }

    [Theory]
    [InlineData(new[] { "--namespace", "fleet", "--image", "x:v1" }, "--name is required", "--name ships-server")]
    [InlineData(new[] { "--name", "fleet-server", "--namespace", "fleet" }, "--image is required", "--image registry.example.com")]
    [InlineData(new[] { "--name", "fleet-server", "--image", "x:v1" }, "--namespace is required", "--namespace ships")]
    [InlineData(new[] { "--name", "Fleet", "--namespace", "fleet", "--image", "x:v1" }, "invalid --name \"Fleet\"", "--name ships-server")]
    [InlineData(new[] { "--name", "1fleet", "--namespace", "fleet", "--image", "x:v1" }, "invalid --name \"1fleet\"", "--name ships-server")]
    [InlineData(new[] { "--name", "fleet-server", "--namespace", "fleet_1", "--image", "x:v1" }, "invalid --namespace \"fleet_1\"", "--namespace ships")]
    [InlineData(new[] { "--name", "fleet-server", "--namespace", "fleet", "--image", "x:v1", "--replicas", "2" }, "--storage sqlite keeps objects in one file on one volume, so it serves from 1 replica, not 2", "Use --storage etcd")]
    [InlineData(new[] { "--name", "fleet-server", "--namespace", "fleet", "--image", "x:v1", "--storage", "mysql" }, "invalid --storage \"mysql\"", "--storage etcd")]
    [InlineData(new[] { "--name", "fleet-server", "--namespace", "fleet", "--image", "x:v1", "--storage", "etcd", "--etcd-replicas", "2" }, "invalid --etcd-replicas 2", "Pass 1, 3 or 5")]
    [InlineData(new[] { "--name", "fleet-server", "--namespace", "fleet", "--image", "x:v1", "--output", "notes.txt/config" }, "is under", "Pass a folder")]
    [InlineData(new[] { "--name", "fleet-server", "--namespace", "fleet", "--image", "x:v1", "--controller-manager-replicas", "2" }, "--controller-manager-replicas is for the controller-manager Deployment", "Add --controller-manager")]
    [InlineData(new[] { "--name", "a-very-long-server-name-for-a-fleet-of-ships-x", "--namespace", "fleet", "--image", "x:v1", "--controller-manager" }, "is too long for --controller-manager", "at most 44 characters")]
    public async Task BadFlagsAreUserErrorsAndWriteNothing(string[] flags, string reason, string fix)
    {
        using var temp = new TempDirectory();
        var root = DeployableProject.Create(temp);
        File.WriteAllText(Path.Combine(root, "notes.txt"), "mine");

        var result = await CliRun.InAsync(root, ["build", "config", .. flags]);

        InitRepoTests.AssertUserError(result, reason, fix);
        Assert.Equal(["README.md", "samples"], Directory.GetFileSystemEntries(Path.Combine(root, "config")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task OutsideAProjectItSaysSo()
    {
        using var temp = new TempDirectory();

        var result = await CliRun.InAsync(temp.Path, DeployableProject.BuildConfig());

        InitRepoTests.AssertUserError(result, "is not inside an ApiBuilder project", "apiserver-boot init repo");
    }

    [Fact]
    public async Task NewProjectsIgnoreThePrivateKeys()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);

        var gitignore = File.ReadAllText(Path.Combine(root, ".gitignore"));
        Assert.Contains("\nconfig/certificates/*.key\n", gitignore, StringComparison.Ordinal);
        Assert.Contains("\nconfig/03-serving-cert-secret.yaml\n", gitignore, StringComparison.Ordinal);
        Assert.Contains("`*.key`", File.ReadAllText(Path.Combine(root, "config", "README.md")), StringComparison.Ordinal);
    }

    internal static bool Verifies(X509Certificate2 ca, X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static string Decode(string? base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64 ?? ""));

    private static SortedDictionary<string, string> Snapshot(string folder) =>
        new(Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText), StringComparer.Ordinal);
}
