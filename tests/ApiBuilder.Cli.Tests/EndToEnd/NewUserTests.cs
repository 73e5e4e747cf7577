using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using ApiBuilder.Cli.Processes;
using ApiBuilder.Cli.Tests.Infrastructure;

namespace ApiBuilder.Cli.Tests.EndToEnd;

/// <summary>
/// SLOW (a few minutes): what a new user does, with the real tools. Packs ApiBuilder.Runtime and
/// the tool, installs the tool into a temporary tool path, creates a project with two Kinds and a
/// custom subresource, builds it and runs its own tests, runs it with <c>run local</c> and drives it with the real
/// kubectl, stops it with SIGTERM, and writes its API reference. Every process it starts has a
/// time limit; the packages it adds to the NuGet cache are removed afterwards.
/// Skip it locally with <c>dotnet test --filter Category!=EndToEnd</c>.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class NewUserTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task FromInstallToKubectl()
    {
        using var temp = new TempDirectory("apiserver-boot-e2e-");
        // A version of its own, so no stale ApiBuilder.Runtime of the same version in the NuGet cache is used.
        var version = $"{ToolInfo.Version.Split('-')[0]}-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        try
        {
            await RunAsync(RepositoryPaths.Root, Slow, "dotnet", "pack", "src/Cli/ApiBuilder.Cli.csproj", "--configuration", "Release",
                "--output", temp.Combine("feed"), "-p:Version=" + version, "-nologo");
            await RunAsync(temp.Path, Quick, "dotnet", "tool", "install", "ApiBuilder.Cli", "--version", version,
                "--tool-path", temp.Combine("tools"), "--add-source", temp.Combine("feed"));
            var tool = temp.Combine("tools", OperatingSystem.IsWindows() ? "apiserver-boot.exe" : "apiserver-boot");
            Assert.Contains("ApiBuilder.Runtime package: " + version, await RunAsync(temp.Path, Quick, tool, "version"), StringComparison.Ordinal);

            await RunAsync(temp.Path, Quick, tool, "init", "repo", "--domain", "e2e.example.com", "--name", "Fleet", "--output", "fleet");
            var root = temp.Combine("fleet");
            Assert.True(File.Exists(Path.Combine(root, ".apibuilder", "packages", $"ApiBuilder.Runtime.{version}.nupkg")));
            string[] frigate = ["create", "group", "version", "resource", "--group", "ships", "--version", "v1alpha1", "--kind", "Frigate", "--short-names", "fr", "--controller"];
            await RunAsync(root, Quick, tool, frigate);
            await RunAsync(root, Quick, tool, "create", "group", "version", "resource", "--group", "ports", "--version", "v1", "--kind", "Harbor", "--non-namespaced");
            Assert.Contains("Nothing to change", await RunAsync(root, Quick, tool, frigate), StringComparison.Ordinal);
            await RunAsync(root, Quick, tool, "create", "subresource", "--subresource", "details", "--kind", "Frigate");

            // Builds with no edits (and no warnings), from the local feed and this machine's package source.
            await RunAsync(root, Slow, "dotnet", "build", "-warnaserror", "-nologo");
            var tests = await RunAsync(root, Slow, "dotnet", "test", "--no-build", "-nologo");
            Assert.Contains("Passed!", tests, StringComparison.Ordinal);

            await RunLocalWithKubectlAsync(tool, root, temp.Combine("kubeconfig"));
            if (ProcessRunner.FindOnPath("etcd") is not null)
            {
                await RunLocalWithKubectlAsync(tool, root, temp.Combine("kubeconfig"), "--start-etcd");
            }

            var docs = await RunAsync(root, Slow, tool, "build", "docs", "--no-build");
            Assert.Contains("Wrote the API reference of 2 Kinds", docs, StringComparison.Ordinal);
            var html = File.ReadAllText(Path.Combine(root, "docs", "api", "api-reference.html"));
            Assert.Contains("<h2>Frigate</h2>", html, StringComparison.Ordinal);
            Assert.Contains("frigate-sample", html, StringComparison.Ordinal);

            // A build that fails shows the compiler's errors and exits with 1.
            var kind = Path.Combine(root, "src", "Fleet", "Apis", "Ships", "V1Alpha1", "Frigate.cs");
            File.AppendAllText(kind, "this is not C#\n");
            var broken = await ProcessRunner.RunAsync(tool, ["run", "local", "--secure-port", "0"], root, Deadline(Slow));
            Assert.True(broken.ExitCode == 1, broken.Text);
            Assert.Contains("Frigate.cs(", broken.Text, StringComparison.Ordinal);
            Assert.Contains(": error CS", broken.Text, StringComparison.Ordinal);
            Assert.Contains("error: dotnet build failed with", broken.Text, StringComparison.Ordinal);
        }
        finally
        {
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var id in new[] { "apibuilder.runtime", "apibuilder.cli" })
            {
                var folder = Path.Combine(cache, id, version);
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                if (Directory.Exists(Path.GetDirectoryName(folder)) && !Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(folder)!).Any())
                {
                    Directory.Delete(Path.GetDirectoryName(folder)!);
                }
            }
        }
    }

    private static async Task RunLocalWithKubectlAsync(string tool, string root, string kubeconfig, params string[] storage)
    {
        var output = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = ProcessRunner.Start(tool, ["run", "local", "--secure-port", "0", "--kubeconfig", kubeconfig, "--no-build", .. storage], root);
        void OnLine(string line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }

            if (line.StartsWith("Press Ctrl-C to stop", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }

        var pumping = Task.WhenAll(ProcessRunner.Pump(process.StandardOutput, OnLine), ProcessRunner.Pump(process.StandardError, OnLine));
        try
        {
            var started = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(Quick));
            Assert.True(started == ready.Task, "run local did not start:\n" + output);
            var server = KubeconfigFile.Read(kubeconfig).Server;

            var samples = Path.Combine(root, "config", "samples");
            Assert.Contains("frigate.ships.e2e.example.com/frigate-sample created",
                await Kubectl(root, kubeconfig, "create", "-f", Path.Combine(samples, "ships.e2e.example.com_v1alpha1_frigate.yaml")), StringComparison.Ordinal);
            Assert.Contains("harbor.ports.e2e.example.com/harbor-sample created",
                await Kubectl(root, kubeconfig, "create", "-f", Path.Combine(samples, "ports.e2e.example.com_v1_harbor.yaml")), StringComparison.Ordinal);
            Assert.Equal("frigate.ships.e2e.example.com/frigate-sample", (await Kubectl(root, kubeconfig, "get", "fr", "-o", "name")).Trim());
            // The custom subresource, served with no edit of its scaffolded handler.
            Assert.Contains("\"kind\":\"FrigateDetails\"",
                await Kubectl(root, kubeconfig, "get", "--raw", "/apis/ships.e2e.example.com/v1alpha1/namespaces/default/frigates/frigate-sample/details"), StringComparison.Ordinal);
            Assert.Equal("harbor-sample", (await Kubectl(root, kubeconfig, "get", "harbors", "-o", "jsonpath={.items[0].metadata.name}")).Trim());
            Assert.Contains("deleted", await Kubectl(root, kubeconfig, "delete", "frigate", "frigate-sample"), StringComparison.Ordinal);
            Assert.Contains("No resources found", await Kubectl(root, kubeconfig, "get", "frigates"), StringComparison.Ordinal);

            // SIGTERM (as Ctrl-C or a service manager would) stops the tool and the server it started.
            Assert.Equal(0, Kill(process.Id, 15));
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(stopping.Token);
            await pumping;
            Assert.True(process.ExitCode == 0, output.ToString());
            Assert.Contains("Stopped.", output.ToString(), StringComparison.Ordinal);
            Assert.Contains(storage.Length == 0 ? "(storage: SQLite in .apibuilder/local/storage.db)" : "(storage: etcd at http://127.0.0.1:", output.ToString(), StringComparison.Ordinal);
            await AssertClosedAsync(server.Host, server.Port);
            var etcd = System.Text.RegularExpressions.Regex.Match(output.ToString(), @"etcd at http://127\.0\.0\.1:(\d+)/");
            if (etcd.Success)
            {
                await AssertClosedAsync("127.0.0.1", int.Parse(etcd.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            ProcessRunner.Kill(process);
        }
    }

    private static async Task AssertClosedAsync(string host, int port)
    {
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync(host, port));
    }

    private static Task<string> Kubectl(string root, string kubeconfig, params string[] args) =>
        RunAsync(root, Quick, "kubectl", ["--kubeconfig", kubeconfig, .. args]);

    /// <summary>Runs a command to completion within <paramref name="limit"/>; fails with its output unless it exits with 0.</summary>
    private static async Task<string> RunAsync(string directory, TimeSpan limit, string program, params string[] args)
    {
        var watch = Stopwatch.StartNew();
        var result = await ProcessRunner.RunAsync(program, args, directory, Deadline(limit));
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', args)} exited with {result.ExitCode} after {watch.Elapsed}:\n{result.Text}");
        return result.Text;
    }

    private static CancellationToken Deadline(TimeSpan limit) => new CancellationTokenSource(limit).Token;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
