using System.CommandLine;
using ApiBuilder.Cli.Deployment;
using ApiBuilder.Cli.Output;
using ApiBuilder.Cli.Project;

namespace ApiBuilder.Cli.Commands;

/// <summary>
/// <c>build config</c>: the manifests that deploy the server into a cluster behind kube-apiserver's
/// aggregation layer (Namespace, ServiceAccount, RBAC, serving-certificate Secret, storage,
/// Deployment, Service, one APIService per group-version), and the CA and serving certificate
/// they hold, reused from one run to the next.
/// </summary>
internal static class BuildConfigCommand
{
    /// <summary>What build config wrote: for run in-cluster, which applies and waits on it.</summary>
    public sealed record Result(string Folder, IReadOnlyList<ServedVersion> ApiServices);

    public static Command Create(CommandContext context)
    {
        var options = new DeploymentOptions();
        var command = new Command("config", "Write the manifests that deploy the server into a cluster: Namespace, ServiceAccount, RBAC, serving-certificate Secret (with its CA), storage, Deployment, Service and one APIService per group-version with the CA as caBundle.");
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var request = Read(context, options, parse, out var project);
            PrintNext(context, Run(context, request, project), request);
            return ExitCodes.Ok;
        });
        Help.Examples(command,
            "apiserver-boot build config --name ships-server --namespace ships --image registry.example.com/ships-server:v0.1.0",
            "apiserver-boot build config --name ships-server --namespace ships --image registry.example.com/ships-server:v0.1.0 --storage etcd --replicas 3");
        return command;
    }

    /// <summary>Reads and checks the deployment flags; the project is the one the working directory is in.</summary>
    public static DeploymentRequest Read(CommandContext context, DeploymentOptions options, ParseResult parse, out ProjectLocation project)
    {
        ProjectLocation? found = null;
        var request = options.Read(parse, output =>
        {
            found = ProjectLocation.Find(context.WorkingDirectory);
            return output is null ? Path.Combine(found.Root, "config") : context.Resolve(output);
        });
        DeploymentRules.Check(request);
        project = found!;
        return request;
    }

    /// <summary>Makes or reuses the certificates and writes the manifests.</summary>
    public static Result Run(CommandContext context, DeploymentRequest request, ProjectLocation project)
    {
        var console = context.Console;
        var state = project.State;
        var certificates = ServingCertificateSet.Ensure(Path.Combine(request.Output, ServingCertificateSet.Folder), request.Name, request.Namespace, TimeProvider.System);
        var outputName = Path.GetRelativePath(context.WorkingDirectory, request.Output);
        var files = ConfigManifests.Render(request, state, certificates, outputName);
        console.Line($"Manifests of {request.Name} in namespace {request.Namespace} (image {request.Image}, storage {(request.Storage == StorageKind.Sqlite ? "sqlite" : "etcd")}):");
        foreach (var change in certificates.Changes)
        {
            console.Line($"  {"cert",-9} {change}");
        }

        ConfigFolder.Write(request.Output, files, console, context.WorkingDirectory);
        var versions = ServedApis.Versions(state);
        if (versions.Count == 0)
        {
            console.Warn("the project has no Kind yet, so there is no APIService: add one with 'apiserver-boot create group version resource'");
        }

        return new Result(request.Output, versions);
    }

    private static void PrintNext(CommandContext context, Result result, DeploymentRequest request)
    {
        var console = context.Console;
        var folder = Path.GetRelativePath(context.WorkingDirectory, result.Folder);
        console.Line();
        console.Line($"The private keys are in {Path.Combine(folder, ServingCertificateSet.Folder)}/*.key and {Path.Combine(folder, ConfigManifests.SecretFile)}: keep them out of version control.");
        console.Line("Next:");
        console.Line($"  build and push the image:   apiserver-boot build container --image {request.Image} && docker push {request.Image}");
        console.Line($"  deploy:                     kubectl apply -f {folder}/");
        foreach (var version in result.ApiServices)
        {
            console.Line($"  check:                      kubectl get apiservice {version.ApiServiceName}");
        }

        console.Line($"  or all at once:             apiserver-boot run in-cluster (with the same flags)");
    }
}
