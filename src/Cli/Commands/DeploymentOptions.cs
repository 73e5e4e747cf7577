using System.CommandLine;
using ApiBuilder.Cli.Deployment;

namespace ApiBuilder.Cli.Commands;

/// <summary>The flags <c>build config</c> and <c>run in-cluster</c> share (as in Go's apiserver-boot), and the request they make.</summary>
internal sealed class DeploymentOptions
{
    private readonly Option<string?> name = new("--name") { Description = "Base name of the Deployment, Service, Secret and RBAC objects (a DNS-1035 label)." };
    private readonly Option<string?> @namespace = new("--namespace") { Description = "Namespace to deploy into (a DNS-1123 label)." };
    private readonly Option<string?> image = new("--image") { Description = "Container image of the server." };
    private readonly Option<int> replicas = new("--replicas") { Description = "Replicas of the server (more than 1 needs --storage etcd).", DefaultValueFactory = _ => 1 };
    private readonly Option<string> storage = new("--storage") { Description = "sqlite (a PersistentVolumeClaim, 1 replica) or etcd (an etcd StatefulSet deployed beside the server).", DefaultValueFactory = _ => "sqlite" };
    private readonly Option<int> etcdReplicas = new("--etcd-replicas") { Description = "Members of the etcd StatefulSet with --storage etcd (odd).", DefaultValueFactory = _ => 1 };
    private readonly Option<string> output = new("--output") { Description = "Folder for the manifests and certificates (default: config at the project root)." };
    private readonly Option<string[]> apiServerArgs = new("--apiserver-args") { Description = "Extra flags for the server.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> imagePullSecrets = new("--image-pull-secrets") { Description = "Image pull secrets of the pods.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> serviceAccount = new("--service-account") { Description = "ServiceAccount of the server's pods (default: --name), bound in the generated RBAC." };
    private readonly Option<bool> controllerManager = new("--controller-manager") { Description = "Run the controllers in a Deployment of their own (<name>-controller-manager: the same image started as 'controller-manager', its own ServiceAccount and RBAC) instead of in the server's pods." };
    private readonly Option<int> controllerManagerReplicas = new("--controller-manager-replicas") { Description = "Pods of the controller-manager Deployment; one leads at a time by a Lease.", DefaultValueFactory = _ => 1 };
    private readonly Option<string?> storageClass = new("--storage-class") { Description = "StorageClass of the SQLite or etcd volumes (default: the cluster's default class)." };

    public void AddTo(Command command)
    {
        command.Add(name);
        command.Add(@namespace);
        command.Add(image);
        command.Add(replicas);
        command.Add(storage);
        command.Add(etcdReplicas);
        command.Add(output);
        command.Add(apiServerArgs);
        command.Add(imagePullSecrets);
        command.Add(serviceAccount);
        command.Add(storageClass);
        command.Add(controllerManager);
        command.Add(controllerManagerReplicas);
    }

    /// <summary>The request of the command line: required flags present, storage known (the rest is checked by <see cref="DeploymentRules"/>).</summary>
    public DeploymentRequest Read(ParseResult parse, Func<string?, string> resolveOutput)
    {
        string Required(Option<string?> option, string example) =>
            parse.GetValue(option) ?? throw new UserError($"{option.Name} is required", $"Pass it, e.g. {option.Name} {example}");

        var requestName = Required(name, "ships-server");
        var requestNamespace = Required(@namespace, "ships");
        var requestImage = Required(image, "registry.example.com/ships-server:v0.1.0");
        var storageText = parse.GetValue(storage)!;
        var storageKind = storageText switch
        {
            "sqlite" => StorageKind.Sqlite,
            "etcd" => StorageKind.Etcd,
            _ => throw new UserError($"invalid --storage \"{storageText}\"", "Pass --storage sqlite (one replica, a volume) or --storage etcd (an etcd StatefulSet)"),
        };
        return new DeploymentRequest
        {
            Name = requestName,
            Namespace = requestNamespace,
            Image = requestImage,
            Replicas = parse.GetValue(replicas),
            Storage = storageKind,
            EtcdReplicas = parse.GetValue(etcdReplicas),
            ApiServerArgs = parse.GetValue(apiServerArgs) ?? [],
            ImagePullSecrets = parse.GetValue(imagePullSecrets) ?? [],
            ServiceAccount = parse.GetValue(serviceAccount),
            StorageClass = parse.GetValue(storageClass),
            ControllerManager = parse.GetValue(controllerManager),
            ControllerManagerReplicas = parse.GetValue(controllerManagerReplicas),
            Output = resolveOutput(parse.GetValue(output)),
        };
    }
}
