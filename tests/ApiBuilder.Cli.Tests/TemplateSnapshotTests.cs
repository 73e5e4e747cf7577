using System.Text.Json.Nodes;
using ApiBuilder.Cli.Deployment;
using ApiBuilder.Cli.Docs;
using ApiBuilder.Cli.Project;
using ApiBuilder.Cli.Scaffolding;
using ApiBuilder.Cli.Tests.Infrastructure;

namespace ApiBuilder.Cli.Tests;

/// <summary>
/// Every template, rendered with fixed inputs, against a snapshot of each file it produces; and the
/// same inputs always give the same bytes.
/// </summary>
public sealed class TemplateSnapshotTests
{
    private static readonly ProjectState Project = new() { Name = "Acme.Fleet", Domain = "example.com", RuntimeVersion = "1.2.3" };

    /// <summary>Namespaced, status subresource, controller, short names.</summary>
    private static readonly ResourceState Frigate = new()
    {
        Group = "ships", Version = "v1alpha1", Kind = "Frigate", StatusSubresource = true, Controller = true, ShortNames = ["fr", "frg"],
    };

    /// <summary>Cluster-scoped, no status subresource, no controller.</summary>
    private static readonly ResourceState Harbor = new() { Group = "sea-ports", Version = "v1", Kind = "Harbor", Namespaced = false };

    /// <summary>Scale (with status), a custom subresource, and the storage version of a Kind served in several versions.</summary>
    private static readonly ResourceState Carrier = new()
    {
        Group = "ships", Version = "v1beta1", Kind = "Carrier", StatusSubresource = true, Scale = true, StorageVersion = true, CustomSubresources = ["logs"],
    };

    /// <summary>Carrier in a second version without scale: its conversion to the storage version (v1beta1, with scale).</summary>
    private static readonly ResourceState CarrierV1 = new() { Group = "ships", Version = "v1", Kind = "Carrier", StatusSubresource = true };

    /// <summary>An irregular plural (--plural people), cluster-scoped.</summary>
    private static readonly ResourceState Person = new() { Group = "crew", Version = "v1alpha1", Kind = "Person", Plural = "people", Namespaced = false };

    /// <summary>Fixed stand-ins for the certificates, so the manifests' snapshots do not change from run to run.</summary>
    private static readonly ServingCertificateSet FixedCertificates = new(
        "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\nSERVING\n-----END CERTIFICATE-----\n",
        "-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n",
        []);

    /// <summary>build config with the defaults: sqlite, one replica, its own namespace.</summary>
    private static readonly DeploymentRequest Sqlite = new() { Name = "fleet-server", Namespace = "fleet", Image = "registry.example.com/fleet-server:v0.1.0", Output = "/config" };

    /// <summary>build config with every flag: etcd, several replicas, the default namespace.</summary>
    private static readonly DeploymentRequest Etcd = new()
    {
        Name = "fleet-server", Namespace = "default", Image = "registry.example.com/fleet-server@sha256:0123abcd", Output = "/config", Replicas = 3, Storage = StorageKind.Etcd,
        EtcdReplicas = 3, ApiServerArgs = ["--log-level=Debug", "--etcd-prefix", "/fleet: a"], ImagePullSecrets = ["registry-a", "registry-b"], ServiceAccount = "fleet-sa",
        StorageClass = "fast-ssd",
    };

    public static TheoryData<string> Scenarios => ["init-repo", "frigate", "harbor", "carrier", "carrier-v1", "person", "docs", "config", "config-etcd", "config-controller-manager"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void RenderedFilesMatchTheirSnapshots(string scenario)
    {
        foreach (var file in Render(scenario))
        {
            Snapshot.Verify(SnapshotName(scenario, file.Path), file.Content);
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void TheSameInputsGiveByteIdenticalOutput(string scenario)
    {
        var first = Render(scenario);
        var second = Render(scenario);

        Assert.Equal(first.Select(f => f.Path), second.Select(f => f.Path));
        Assert.All(first.Zip(second), pair => Assert.Equal(pair.First.Content, pair.Second.Content));
        Assert.All(first, f => Assert.DoesNotContain("\r", f.Content, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryTemplateIsCoveredByAScenario()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scenario in Scenarios)
        {
            foreach (var file in Render(scenario))
            {
                used.Add(file.Path);
            }
        }

        // Each embedded template produces at least one file of the scenarios above.
        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["project/gitignore.sbn"] = ".gitignore",
            ["project/dockerignore.sbn"] = ".dockerignore",
            ["project/README.md.sbn"] = "README.md",
            ["project/Directory.Build.props.sbn"] = "Directory.Build.props",
            ["project/nuget.config.sbn"] = "nuget.config",
            ["project/Solution.slnx.sbn"] = "Acme.Fleet.slnx",
            ["project/Dockerfile.sbn"] = "Dockerfile",
            ["project/config-README.md.sbn"] = "config/README.md",
            ["project/samples-README.md.sbn"] = "config/samples/README.md",
            ["project/Server.csproj.sbn"] = "src/Acme.Fleet/Acme.Fleet.csproj",
            ["project/Program.cs.sbn"] = "src/Acme.Fleet/Program.cs",
            ["project/NoKindsYet.cs.sbn"] = "src/Acme.Fleet/NoKindsYet.cs",
            ["project/Tests.csproj.sbn"] = "tests/Acme.Fleet.Tests/Acme.Fleet.Tests.csproj",
            ["project/ServerTests.cs.sbn"] = "tests/Acme.Fleet.Tests/ServerTests.cs",
            ["resource/Kind.apibuilder.cs.sbn"] = "src/Acme.Fleet/Apis/Ships/V1Alpha1/Frigate.apibuilder.cs",
            ["resource/Kind.cs.sbn"] = "src/Acme.Fleet/Apis/Ships/V1Alpha1/Frigate.cs",
            ["resource/Conversion.cs.sbn"] = "src/Acme.Fleet/Apis/Ships/V1/CarrierConversion.cs",
            ["resource/KindSpec.cs.sbn"] = "src/Acme.Fleet/Apis/Ships/V1Alpha1/FrigateSpec.cs",
            ["resource/KindStatus.cs.sbn"] = "src/Acme.Fleet/Apis/Ships/V1Alpha1/FrigateStatus.cs",
            ["resource/Controller.cs.sbn"] = "src/Acme.Fleet/Apis/Ships/V1Alpha1/FrigateController.cs",
            ["resource/Sample.yaml.sbn"] = "config/samples/ships.example.com_v1alpha1_frigate.yaml",
            ["resource/KindTests.cs.sbn"] = "tests/Acme.Fleet.Tests/ShipsV1Alpha1/FrigateTests.cs",
            ["subresource/Custom.cs.sbn"] = "src/Acme.Fleet/Apis/Ships/V1Beta1/CarrierLogsSubresource.cs",
            ["subresource/CustomTests.cs.sbn"] = "tests/Acme.Fleet.Tests/ShipsV1Beta1/CarrierLogsSubresourceTests.cs",
            ["docs/api-reference.md.sbn"] = ApiReferenceRenderer.MarkdownFile,
            ["docs/api-reference.html.sbn"] = ApiReferenceRenderer.HtmlFile,
            ["config/namespace.yaml.sbn"] = "00-namespace.yaml",
            ["config/serviceaccount.yaml.sbn"] = "01-serviceaccount.yaml",
            ["config/rbac.yaml.sbn"] = "02-rbac.yaml",
            ["config/serving-cert-secret.yaml.sbn"] = "03-serving-cert-secret.yaml",
            ["config/storage.yaml.sbn"] = "04-storage.yaml",
            ["config/etcd.yaml.sbn"] = "04-etcd.yaml",
            ["config/deployment.yaml.sbn"] = "05-deployment.yaml",
            ["config/service.yaml.sbn"] = "06-service.yaml",
            ["config/apiservice.yaml.sbn"] = "07-apiservice.yaml",
            ["config/controller-manager.yaml.sbn"] = "08-controller-manager.yaml",
        };
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), TemplateRenderer.Names);
        Assert.All(expected.Values, path => Assert.Contains(path, used));
    }

    internal static IReadOnlyList<PlannedFile> Render(string scenario) => scenario switch
    {
        "init-repo" => ProjectTemplates.Project(Project),
        "frigate" => ProjectTemplates.Resource(Project, Frigate),
        "harbor" => ProjectTemplates.Resource(Project, Harbor),
        "carrier" => ProjectTemplates.Resource(Project, Carrier),
        "carrier-v1" => ProjectTemplates.Resource(Project.With(Carrier).With(CarrierV1), CarrierV1),
        "person" => ProjectTemplates.Resource(Project, Person),
        "docs" => ApiReferenceRenderer.Render("Acme.Fleet", DocsInput()),
        "config" => ConfigManifests.Render(Sqlite, ConfigProject, FixedCertificates, "config"),
        "config-etcd" => ConfigManifests.Render(Etcd, ConfigProject, FixedCertificates, "deploy/config"),
        "config-controller-manager" => ConfigManifests.Render(Etcd with { ControllerManager = true, ControllerManagerReplicas = 2 }, ConfigProject, FixedCertificates, "config"),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    /// <summary>Two groups; ships served in two versions; status and scale subresources.</summary>
    private static ProjectState ConfigProject => Project.With(Frigate).With(Harbor).With(Carrier);

    /// <summary>The OpenAPI and discovery documents a real server served for two Kinds (Fixtures/), and two samples.</summary>
    internal static IReadOnlyList<KindDoc> DocsInput()
    {
        JsonObject Read(string name) => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Fixtures, name)))!;
        var served = new[]
        {
            new ApiReference.GroupVersion("ships.example.com", "v1alpha1", Read("discovery-ships.example.com-v1alpha1.json"), Read("openapi-ships.example.com-v1alpha1.json")),
            new ApiReference.GroupVersion("ports.example.com", "v1", Read("discovery-ports.example.com-v1.json"), Read("openapi-ports.example.com-v1.json")),
        };
        SampleDoc[] samples =
        [
            new("config/samples/ships.example.com_v1alpha1_frigate.yaml", "apiVersion: ships.example.com/v1alpha1\nkind: Frigate\nmetadata:\n  name: frigate-sample\nspec:\n  description: A <sample> Frigate.\n  replicas: 1"),
            new("config/samples/other.yaml", "apiVersion: other.example.com/v1\nkind: Frigate\nmetadata:\n  name: not-this-one"),
        ];
        return ApiReference.Build(served, samples);
    }

    // Snapshots/<scenario>/<path>.verified.<ext>; files without an extension (or dot-files) get .txt.
    private static string SnapshotName(string scenario, string path)
    {
        var name = Path.GetFileName(path);
        var folder = Path.GetDirectoryName(path)?.Replace('\\', '/');
        var hasExtension = Path.GetExtension(name).Length > 0 && !name.StartsWith('.');
        var file = hasExtension ? name : name.TrimStart('.') + ".txt";
        return scenario + "/" + (string.IsNullOrEmpty(folder) ? "" : folder + "/") + file;
    }
}
