using System.Security.Cryptography;
using System.Text;
using ApiBuilder.Cli.Project;
using ApiBuilder.Cli.Scaffolding;

namespace ApiBuilder.Cli.Deployment;

/// <summary>
/// The manifests of <c>build config</c>: one file per group of objects, numbered in the order
/// <c>kubectl apply -f</c> applies them. Paths are relative to the output folder. The same
/// request, project and certificates give the same bytes.
/// </summary>
internal static class ConfigManifests
{
    public const string EtcdImage = "registry.k8s.io/etcd:3.5.21-0";

    public const int ContainerPort = 8443;

    public const string ServingCertMount = "/var/run/apiserver/serving-cert";

    public const string DataMount = "/var/lib/apiserver";

    /// <summary>Every file name build config may write; one it did not write this time is removed when it still has its header.</summary>
    public static readonly IReadOnlyList<string> AllFiles =
    [
        "00-namespace.yaml", "01-serviceaccount.yaml", "02-rbac.yaml", "03-serving-cert-secret.yaml",
        "04-storage.yaml", "04-etcd.yaml", "05-deployment.yaml", "06-service.yaml", "07-apiservice.yaml", "08-controller-manager.yaml",
    ];

    /// <summary>The manifest that holds the serving certificate's private key: written readable by its owner only.</summary>
    public const string SecretFile = "03-serving-cert-secret.yaml";

    /// <summary>How every file starts, so that a later run knows which files it may remove.</summary>
    public const string Header = "# Written by apiserver-boot build config";

    /// <summary>Namespaces every cluster has: no Namespace manifest for them.</summary>
    public static bool IsBuiltInNamespace(string @namespace) => @namespace is "default" or "kube-system";

    public static IReadOnlyList<PlannedFile> Render(DeploymentRequest request, ProjectState state, ServingCertificateSet certificates, string outputName)
    {
        var model = Model(request, state, certificates, outputName);
        var files = new List<PlannedFile>();
        if (!IsBuiltInNamespace(request.Namespace))
        {
            files.Add(Render("namespace", "00-namespace.yaml", model));
        }

        files.Add(Render("serviceaccount", "01-serviceaccount.yaml", model));
        files.Add(Render("rbac", "02-rbac.yaml", model));
        files.Add(Render("serving-cert-secret", SecretFile, model));
        files.Add(request.Storage == StorageKind.Etcd ? Render("etcd", "04-etcd.yaml", model) : Render("storage", "04-storage.yaml", model));
        files.Add(Render("deployment", "05-deployment.yaml", model));
        files.Add(Render("service", "06-service.yaml", model));
        if (ServedApis.Versions(state).Count > 0)
        {
            files.Add(Render("apiservice", "07-apiservice.yaml", model));
        }

        if (request.ControllerManager)
        {
            files.Add(Render("controller-manager", "08-controller-manager.yaml", model));
        }

        return files;
    }

    /// <summary>The server's command line in the pod.</summary>
    public static IReadOnlyList<string> ServerArgs(DeploymentRequest request) =>
    [
        $"--secure-port={ContainerPort}",
        "--bind-address=0.0.0.0",
        $"--tls-cert-file={ServingCertMount}/tls.crt",
        $"--tls-private-key-file={ServingCertMount}/tls.key",
        request.Storage == StorageKind.Etcd ? "--etcd-servers=" + string.Join(',', EtcdMembers(request).Select(m => $"http://{m}:2379")) : $"--storage=sqlite:{DataMount}/storage.db",
        // The controllers run in the controller-manager's pods instead.
        .. (request.ControllerManager ? (string[])["--controllers="] : []),
        .. request.ApiServerArgs,
    ];

    /// <summary>The DNS names of the etcd members: <c>&lt;name&gt;-etcd-&lt;i&gt;.&lt;name&gt;-etcd.&lt;namespace&gt;.svc</c>.</summary>
    public static IEnumerable<string> EtcdMembers(DeploymentRequest request) =>
        Enumerable.Range(0, request.EtcdReplicas).Select(i => $"{EtcdName(request)}-{i}.{EtcdName(request)}.{request.Namespace}.svc");

    public static string EtcdName(DeploymentRequest request) => request.Name + "-etcd";

    public static string SecretName(DeploymentRequest request) => request.Name + "-serving-cert";

    private static Dictionary<string, object?> Model(DeploymentRequest request, ProjectState state, ServingCertificateSet certificates, string outputName)
    {
        var etcdName = EtcdName(request);
        var userRoles = ServedApis.Groups(state).SelectMany(g => new[]
        {
            Role(request, g, "view", "get, list, watch"),
            Role(request, g, "edit", "get, list, watch, create, update, patch, delete, deletecollection"),
            Role(request, g, "admin", "get, list, watch, create, update, patch, delete, deletecollection"),
        }).ToList();
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = request.Name,
            ["namespace"] = request.Namespace,
            ["outputName"] = outputName,
            ["serviceAccount"] = request.ServiceAccountName,
            ["serviceHost"] = $"{request.Name}.{request.Namespace}.svc",
            ["secretName"] = SecretName(request),
            ["dataClaim"] = request.Name + "-data",
            ["image"] = YamlScalar.Of(request.Image),
            ["replicas"] = request.Replicas,
            ["sqlite"] = request.Storage == StorageKind.Sqlite,
            ["storageText"] = request.Storage == StorageKind.Sqlite ? $"SQLite on PersistentVolumeClaim {request.Name}-data" : $"etcd StatefulSet {etcdName}",
            ["hasStorageClass"] = request.StorageClass is not null,
            ["storageClass"] = request.StorageClass is null ? "" : YamlScalar.Of(request.StorageClass),
            ["hasImagePullSecrets"] = request.ImagePullSecrets.Count > 0,
            ["imagePullSecrets"] = request.ImagePullSecrets.ToList(),
            ["args"] = ServerArgs(request).Select(YamlScalar.Of).ToList(),
            ["tlsCrt"] = Base64(certificates.CertificatePem),
            ["servingCertHash"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(certificates.CertificatePem))),
            ["tlsKey"] = Base64(certificates.KeyPem),
            ["caBundle"] = Base64(certificates.CaPem),
            ["apiServices"] = ServedApis.Versions(state)
                .Select(v => new Dictionary<string, object?>(StringComparer.Ordinal) { ["group"] = v.Group, ["version"] = v.Version, ["priority"] = v.Priority })
                .ToList(),
            ["userRoles"] = userRoles,
            ["controllerManager"] = request.Name + "-controller-manager",
            ["controllerManagerReplicas"] = request.ControllerManagerReplicas,
            ["controllerRoles"] = ServedApis.Groups(state)
                .Select(g => new Dictionary<string, object?>(StringComparer.Ordinal) { ["group"] = g.Group, ["resources"] = string.Join(", ", g.Resources) })
                .ToList(),
            ["etcdName"] = etcdName,
            ["etcdImage"] = EtcdImage,
            ["etcdReplicas"] = request.EtcdReplicas,
            ["initialCluster"] = string.Join(',', Enumerable.Range(0, request.EtcdReplicas)
                .Select(i => $"{etcdName}-{i}=http://{etcdName}-{i}.{etcdName}.{request.Namespace}.svc:2380")),
        };
    }

    private static Dictionary<string, object?> Role(DeploymentRequest request, ServedGroup group, string aggregateTo, string verbs) =>
        new(StringComparer.Ordinal)
        {
            ["roleName"] = $"{request.Name}:{group.Group}:{aggregateTo}",
            ["aggregateTo"] = aggregateTo,
            ["group"] = group.Group,
            ["resources"] = string.Join(", ", group.Resources),
            ["verbs"] = verbs,
        };

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static PlannedFile Render(string template, string path, IReadOnlyDictionary<string, object?> model) =>
        new(path, TemplateRenderer.Render($"config/{template}.yaml.sbn", model));
}
