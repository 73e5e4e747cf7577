using System.CommandLine;
using System.Net;
using ApiBuilder.Cli.Names;
using ApiBuilder.Cli.Output;
using ApiBuilder.Cli.Processes;
using ApiBuilder.Cli.Project;

namespace ApiBuilder.Cli.Commands;

/// <summary>
/// <c>run local</c>: builds the server and runs it on this machine with durable storage (the
/// embedded SQLite by default, or etcd), its own CA and an admin kubeconfig, until Ctrl-C.
/// </summary>
internal static class RunLocalCommand
{
    /// <summary>The options of a local run.</summary>
    public sealed record Request
    {
        public int SecurePort { get; init; } = 9443;

        public string BindAddress { get; init; } = "127.0.0.1";

        public string? Kubeconfig { get; init; }

        public string? Storage { get; init; }

        public string? EtcdServers { get; init; }

        public bool StartEtcd { get; init; }

        public bool Build { get; init; } = true;

        public string LogLevel { get; init; } = "Information";
    }

    public static Command Create(CommandContext context)
    {
        var port = new Option<int>("--secure-port") { Description = "HTTPS port of the server; 0 picks a free one.", DefaultValueFactory = _ => 9443 };
        var bind = new Option<string>("--bind-address") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Where to write the admin kubeconfig (default: kubeconfig at the project root)." };
        var storage = new Option<string?>("--storage") { Description = "sqlite, sqlite:PATH or memory (default: sqlite in .apibuilder/local/storage.db)." };
        var etcdServers = new Option<string?>("--etcd-servers") { Description = "Comma-separated client URLs of a running etcd to store objects in." };
        var startEtcd = new Option<bool>("--start-etcd") { Description = "Start etcd from PATH on free loopback ports (data in .apibuilder/local/etcd) and store objects there." };
        var noBuild = new Option<bool>("--no-build") { Description = "Run the last build instead of building first." };
        var logLevel = new Option<string>("--log-level") { Description = "Server log level: Trace, Debug, Information, Warning or Error.", DefaultValueFactory = _ => "Information" };
        var command = new Command("local", "Build the server and run it here: HTTPS with its own CA, storage in SQLite (or etcd), an admin ./kubeconfig for kubectl, logs on the terminal. Ctrl-C stops it.")
        {
            port, bind, kubeconfig, storage, etcdServers, startEtcd, noBuild, logLevel,
        };
        command.SetAction((parse, ct) => RunAsync(context, new Request
        {
            SecurePort = parse.GetValue(port),
            BindAddress = parse.GetValue(bind)!,
            Kubeconfig = parse.GetValue(kubeconfig),
            Storage = parse.GetValue(storage),
            EtcdServers = parse.GetValue(etcdServers),
            StartEtcd = parse.GetValue(startEtcd),
            Build = !parse.GetValue(noBuild),
            LogLevel = parse.GetValue(logLevel)!,
        }, ct));
        Help.Examples(command,
            "apiserver-boot run local",
            "apiserver-boot run local --secure-port 0 --kubeconfig /tmp/ships.kubeconfig",
            "apiserver-boot run local --start-etcd",
            "apiserver-boot run local --etcd-servers http://127.0.0.1:2379");
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, Request request, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var project = ProjectLocation.Find(context.WorkingDirectory);
        var state = project.State;
        if (!IPAddress.TryParse(request.BindAddress, out var address))
        {
            throw new UserError($"invalid --bind-address \"{request.BindAddress}\"", "Pass an IP address such as 127.0.0.1");
        }

        if (request.SecurePort is < 0 or > 65535)
        {
            throw new UserError($"invalid --secure-port {request.SecurePort}", "Pass a port between 1 and 65535, or 0 for a free one");
        }

        var chosen = new[] { request.Storage is not null, request.EtcdServers is not null, request.StartEtcd }.Count(b => b);
        if (chosen > 1)
        {
            throw new UserError("--storage, --etcd-servers and --start-etcd each choose the storage", "Pass only one of them");
        }

        Ports.CheckFree(address, request.SecurePort, "--secure-port");
        var etcdProgram = request.StartEtcd ? LocalEtcd.Require(context.FindProgram("etcd")) : null;
        var local = Path.Combine(project.Root, ProjectLocation.StateFolder, "local");
        var kubeconfig = request.Kubeconfig is null ? Path.Combine(project.Root, "kubeconfig") : context.Resolve(request.Kubeconfig);
        LocalServer.CheckKubeconfig(kubeconfig);
        if (request.Build)
        {
            await DotnetCli.RunBuildAsync(console, $"Building {state.Name}", project.Root, ["build", state.ServerProject, "--configuration", "Debug", "-nologo"], cancellationToken)
                .ConfigureAwait(false);
        }

        var assembly = await DotnetCli.TargetPathAsync(project.Root, state.ServerProject, "Debug", cancellationToken).ConfigureAwait(false);
        LocalEtcd? etcd = null;
        try
        {
            List<string> flags =
            [
                "--secure-port", request.SecurePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind-address", request.BindAddress,
                "--cert-dir", Path.Combine(local, "certificates"),
                "--log-level", request.LogLevel,
            ];
            string storageText;
            if (request.StartEtcd)
            {
                etcd = await console.StepAsync("Starting etcd", ct => LocalEtcd.StartAsync(etcdProgram!, Path.Combine(local, "etcd"), Path.Combine(local, "etcd.log"), ct), cancellationToken)
                    .ConfigureAwait(false);
                flags.AddRange(["--etcd-servers", etcd.ClientUrl.ToString().TrimEnd('/')]);
                storageText = $"etcd at {etcd.ClientUrl} (data in {Path.GetRelativePath(project.Root, Path.Combine(local, "etcd"))}, log in {Path.GetRelativePath(project.Root, Path.Combine(local, "etcd.log"))})";
            }
            else if (request.EtcdServers is not null)
            {
                flags.AddRange(["--etcd-servers", request.EtcdServers]);
                storageText = "etcd at " + request.EtcdServers;
            }
            else
            {
                var storage = request.Storage ?? "sqlite:" + Path.Combine(local, "storage.db");
                flags.AddRange(["--storage", storage]);
                storageText = storage.StartsWith("sqlite:", StringComparison.Ordinal) ? "SQLite in " + Path.GetRelativePath(project.Root, storage["sqlite:".Length..]) : storage;
            }

            var server = await console.StepAsync($"Starting {state.ServerName}", ct => LocalServer.StartAsync(assembly, flags, kubeconfig, project.Root, ct), cancellationToken)
                .ConfigureAwait(false);
            int? exitCode = null;
            await using (server.ConfigureAwait(false))
            {
                PrintUsage(console, context.WorkingDirectory, project, server, kubeconfig, storageText);
                server.StreamTo(line => console.Out.WriteLine(line));
                try
                {
                    await server.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
                    exitCode = server.ExitCode;
                }
                catch (OperationCanceledException)
                {
                    console.Line("Stopping ...");
                }
            }

            if (exitCode is null)
            {
                console.Line("Stopped.");
                return ExitCodes.Ok;
            }

            throw new UserError($"the server stopped by itself with exit code {exitCode} (its log is above)", "Fix what the log reports and run the command again");
        }
        finally
        {
            if (etcd is not null)
            {
                await etcd.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static void PrintUsage(ICliConsole console, string workingDirectory, ProjectLocation project, LocalServer server, string kubeconfig, string storage)
    {
        var state = project.State;
        console.Line($"{state.ServerName} is serving on {server.Kubeconfig.Server} (storage: {storage}).");
        console.Line($"Admin kubeconfig: {kubeconfig}");
        console.Line();
        console.Line("Use it with kubectl:");
        console.Line($"  export KUBECONFIG={kubeconfig}");
        var groups = state.Resources.Select(r => r.Group + "." + state.Domain).Distinct(StringComparer.Ordinal).ToList();
        console.Line("  kubectl api-resources" + (groups.Count == 1 ? " --api-group " + groups[0] : ""));
        if (state.Resources.Count > 0)
        {
            console.Line("  kubectl apply -f " + Path.GetRelativePath(workingDirectory, Path.Combine(project.Root, "config", "samples")));
            foreach (var resource in state.Resources.DistinctBy(r => (r.Group, r.Kind)))
            {
                console.Line($"  kubectl get {resource.PluralName}.{resource.Group}.{state.Domain}{(resource.Namespaced ? " -A" : "")}");
            }
        }
        else
        {
            console.Line("  (the project has no Kind yet: apiserver-boot create group version resource --group ships --version v1alpha1 --kind Frigate)");
        }

        console.Line("Press Ctrl-C to stop. Server log:");
    }
}
