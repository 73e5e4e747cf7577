using System.CommandLine;
using System.Globalization;
using ApiBuilder.Cli.Deployment;
using ApiBuilder.Cli.Output;
using ApiBuilder.Cli.Processes;

namespace ApiBuilder.Cli.Commands;

/// <summary>
/// <c>run in-cluster</c>: <c>build config</c>, then the image built and pushed (when a container
/// engine is on PATH), <c>kubectl apply -f</c> of the manifests against the current context, and a
/// wait until every APIService is Available.
/// </summary>
internal static class RunInClusterCommand
{
    public static Command Create(CommandContext context)
    {
        var options = new DeploymentOptions();
        var buildImage = new Option<bool>("--build-image") { Description = "Build the container image first (when docker or podman is on PATH).", DefaultValueFactory = _ => true };
        var pushImage = new Option<bool>("--push-image") { Description = "Push the image after building it.", DefaultValueFactory = _ => true };
        var engine = new Option<string?>("--engine") { Description = "Container engine command (default: docker; podman when docker is not on PATH or its engine does not answer)." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "kubeconfig of the cluster (default: KUBECONFIG or ~/.kube/config, current context)." };
        var waitTimeout = new Option<int>("--wait-timeout") { Description = "Seconds to wait for each APIService to become Available.", DefaultValueFactory = _ => 180 };
        var dryRun = new Option<bool>("--dry-run") { Description = "Write the manifests and print what would run, without building, pushing or applying anything." };
        var command = new Command("in-cluster", "Write the manifests (build config), build and push the image, apply the manifests with kubectl to the current context and wait until every APIService is Available.");
        options.AddTo(command);
        command.Add(buildImage);
        command.Add(pushImage);
        command.Add(engine);
        command.Add(kubeconfig);
        command.Add(waitTimeout);
        command.Add(dryRun);
        command.SetAction((parse, ct) =>
        {
            var request = BuildConfigCommand.Read(context, options, parse, out var project);
            var steps = new Steps(parse.GetValue(buildImage), parse.GetValue(pushImage), parse.GetValue(engine), parse.GetValue(kubeconfig), parse.GetValue(waitTimeout), parse.GetValue(dryRun));
            return RunAsync(context, request, project, steps, ct);
        });
        Help.Examples(command,
            "apiserver-boot run in-cluster --name ships-server --namespace ships --image registry.example.com/ships-server:v0.1.0",
            "apiserver-boot run in-cluster --name ships-server --namespace ships --image registry.example.com/ships-server:v0.1.0 --dry-run",
            "apiserver-boot run in-cluster --name ships-server --namespace ships --image ships-server:dev --push-image=false --kubeconfig ~/.kube/kind");
        return command;
    }

    /// <summary>What to do besides writing the manifests.</summary>
    public sealed record Steps(bool BuildImage, bool PushImage, string? Engine, string? Kubeconfig, int WaitTimeoutSeconds, bool DryRun);

    public static async Task<int> RunAsync(CommandContext context, DeploymentRequest request, Project.ProjectLocation project, Steps steps, CancellationToken cancellationToken)
    {
        var console = context.Console;
        if (steps.WaitTimeoutSeconds < 1)
        {
            throw new UserError($"invalid --wait-timeout {steps.WaitTimeoutSeconds}", "Pass a number of seconds, e.g. --wait-timeout 180");
        }

        if (steps.DryRun)
        {
            var written = BuildConfigCommand.Run(context, request, project);
            PrintPlan(context, request, steps, written);
            return ExitCodes.Ok;
        }

        var kubectl = Kubectl.Find(context, steps.Kubeconfig);
        if (steps.BuildImage)
        {
            await BuildImageAsync(context, request, steps, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            console.Line($"Not building the image (--build-image=false): {request.Image} is expected to exist already.");
        }

        var result = BuildConfigCommand.Run(context, request, project);
        var folder = result.Folder;
        var apply = await console.StepAsync($"Applying {Path.GetRelativePath(context.WorkingDirectory, folder)}/", ct => kubectl.RunAsync(["apply", "-f", folder + Path.DirectorySeparatorChar], ct), cancellationToken)
            .ConfigureAwait(false);
        foreach (var line in apply.Lines)
        {
            console.Line("  " + line);
        }

        if (apply.ExitCode != 0)
        {
            throw new UserError(
                $"kubectl apply failed: {Kubectl.Reason(apply)}",
                "Check the current context (kubectl config current-context) and that you may create ClusterRoles and APIServices there (cluster-admin), then run the command again");
        }

        foreach (var version in result.ApiServices)
        {
            await WaitAsync(context, kubectl, request, version, steps.WaitTimeoutSeconds, cancellationToken).ConfigureAwait(false);
        }

        console.Line();
        console.Line($"{request.Name} is running in namespace {request.Namespace}{(result.ApiServices.Count > 0 ? " and every APIService is Available" : "")}.");
        foreach (var group in result.ApiServices.Select(v => v.Group).Distinct(StringComparer.Ordinal))
        {
            console.Line($"  kubectl api-resources --api-group {group}");
        }

        console.Line($"  kubectl -n {request.Namespace} logs deploy/{request.Name}");
        return ExitCodes.Ok;
    }

    private static async Task BuildImageAsync(CommandContext context, DeploymentRequest request, Steps steps, CancellationToken cancellationToken)
    {
        var console = context.Console;
        if (BuildContainerCommand.FindEngine(context, steps.Engine) is null)
        {
            console.Line($"No container engine ({steps.Engine ?? "docker or podman"}) on PATH: not building the image; {request.Image} is expected to exist already in a registry the cluster can pull from.");
            return;
        }

        var (engine, tag) = await BuildContainerCommand.BuildAsync(context, request.Image, steps.Engine, cancellationToken).ConfigureAwait(false);
        if (!steps.PushImage)
        {
            console.Line($"Not pushing {tag} (--push-image=false): the cluster must find it already (e.g. kind load docker-image {tag}).");
            return;
        }

        var push = await console.StepAsync($"Pushing {tag}", ct => ProcessRunner.RunAsync(engine, ["push", tag], context.WorkingDirectory, ct), cancellationToken).ConfigureAwait(false);
        if (push.ExitCode != 0)
        {
            throw new UserError(
                $"{engine} push {tag} failed: {push.Lines.LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "no output"}",
                $"Log in to the registry ({engine} login), or pass --push-image=false when the cluster already has the image");
        }
    }

    private static async Task WaitAsync(CommandContext context, Kubectl kubectl, DeploymentRequest request, ServedVersion version, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var name = version.ApiServiceName;
        console.Line($"waiting for APIService {name} to become Available");
        var wait = await kubectl.RunAsync(
            ["wait", "--for=condition=Available", "apiservice/" + name, "--timeout=" + timeoutSeconds.ToString(CultureInfo.InvariantCulture) + "s"], cancellationToken).ConfigureAwait(false);
        if (wait.ExitCode == 0)
        {
            console.Line($"  APIService {name} is Available");
            return;
        }

        var condition = await kubectl.RunAsync(
            ["get", "apiservice", name, "-o", "jsonpath={.status.conditions[?(@.type==\"Available\")].reason}: {.status.conditions[?(@.type==\"Available\")].message}"], cancellationToken)
            .ConfigureAwait(false);
        var why = condition.ExitCode == 0 && condition.Text.Trim().Trim(':').Trim().Length > 0 ? condition.Text.Trim() : Kubectl.Reason(wait);
        throw new UserError($"APIService {name} did not become Available within {timeoutSeconds}s ({why})", AvailabilityHint.For(why, request.Name, request.Namespace));
    }

    private static void PrintPlan(CommandContext context, DeploymentRequest request, Steps steps, BuildConfigCommand.Result result)
    {
        var console = context.Console;
        var kubeconfig = steps.Kubeconfig is null ? "" : " --kubeconfig " + steps.Kubeconfig;
        var folder = Path.GetRelativePath(context.WorkingDirectory, result.Folder);
        console.Line();
        console.Line("Dry run: nothing was built, pushed or applied. Without --dry-run this would run:");
        if (steps.BuildImage)
        {
            var engine = steps.Engine ?? "<docker|podman>";
            console.Line($"  {engine} build --tag {request.Image} --file Dockerfile .");
            if (steps.PushImage)
            {
                console.Line($"  {engine} push {request.Image}");
            }
        }

        console.Line($"  kubectl{kubeconfig} apply -f {folder}/");
        foreach (var version in result.ApiServices)
        {
            console.Line($"  kubectl{kubeconfig} wait --for=condition=Available apiservice/{version.ApiServiceName} --timeout={steps.WaitTimeoutSeconds}s");
        }
    }
}
