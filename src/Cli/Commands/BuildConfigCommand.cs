using System.CommandLine;

namespace ApiBuilder.Cli.Commands;

/// <summary><c>build config</c>: reserved for the deployment manifests of a later version.</summary>
internal static class BuildConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Write the manifests that deploy the server into a cluster (APIService with caBundle, Deployment, Service, Secret, RBAC). Not available yet.");
        DeploymentOptions.AddTo(command);
        command.Add(new Option<string>("--output") { Description = "Folder for the manifests.", DefaultValueFactory = _ => "config" });
        command.SetAction(_ => DeploymentOptions.NotYet("build config"));
        Help.Examples(command, "apiserver-boot build config --name ships-server --namespace ships --image registry.example.com/ships-server:v0.1.0");
        return command;
    }
}
