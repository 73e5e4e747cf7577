using System.CommandLine;
using System.Text.Json.Nodes;
using ApiBuilder.Cli.Docs;
using ApiBuilder.Cli.Output;
using ApiBuilder.Cli.Processes;
using ApiBuilder.Cli.Project;

namespace ApiBuilder.Cli.Commands;

/// <summary>
/// <c>build docs</c>: builds the server, runs it for a moment (memory storage, free loopback
/// port) and turns what it serves (OpenAPI v3, discovery) and the sample manifests into an API
/// reference in Markdown and HTML.
/// </summary>
internal static class BuildDocsCommand
{
    public static Command Create(CommandContext context)
    {
        var output = new Option<string?>("--output") { Description = "Folder for api-reference.md and api-reference.html (default: docs/api at the project root)." };
        var noBuild = new Option<bool>("--no-build") { Description = "Use the last build instead of building first." };
        var command = new Command("docs", "Write an API reference (Markdown and static HTML) of every Kind, field, type and description the server serves, with the sample manifests of config/samples.")
        {
            output, noBuild,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(output), !parse.GetValue(noBuild), ct));
        Help.Examples(command, "apiserver-boot build docs", "apiserver-boot build docs --output site/reference");
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, string? output, bool build, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var project = ProjectLocation.Find(context.WorkingDirectory);
        var state = project.State;
        var target = output is null ? Path.Combine(project.Root, "docs", "api") : context.Resolve(output);
        if (build)
        {
            await DotnetCli.RunBuildAsync(console, $"Building {state.Name}", project.Root, ["build", state.ServerProject, "--configuration", "Debug", "-nologo"], cancellationToken)
                .ConfigureAwait(false);
        }

        var assembly = await DotnetCli.TargetPathAsync(project.Root, state.ServerProject, "Debug", cancellationToken).ConfigureAwait(false);
        var scratch = Path.Combine(Path.GetTempPath(), "apiserver-boot-docs-" + Guid.NewGuid().ToString("N")[..12]);
        IReadOnlyList<ApiReference.GroupVersion> served;
        try
        {
            List<string> flags = ["--secure-port", "0", "--bind-address", "127.0.0.1", "--storage", "memory", "--cert-dir", Path.Combine(scratch, "certificates"), "--log-level", "Warning"];
            served = await console.StepAsync("Reading the API from the server", async ct =>
            {
                var server = await LocalServer.StartAsync(assembly, flags, Path.Combine(scratch, "kubeconfig"), project.Root, ct).ConfigureAwait(false);
                await using (server.ConfigureAwait(false))
                {
                    using var http = server.Kubeconfig.CreateClient();
                    return await ReadAsync(http, ct).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        var kinds = ApiReference.Build(served, ApiReference.ReadSamples(Path.Combine(project.Root, "config", "samples"), project.Root));
        var files = ApiReferenceRenderer.Render(state.Name, kinds);
        Directory.CreateDirectory(target);
        foreach (var file in files)
        {
            await File.WriteAllTextAsync(Path.Combine(target, file.Path), file.Content, cancellationToken).ConfigureAwait(false);
        }

        console.Line($"Wrote the API reference of {kinds.Count} Kind{(kinds.Count == 1 ? "" : "s")}:");
        foreach (var file in files)
        {
            console.Line("  " + Path.GetRelativePath(context.WorkingDirectory, Path.Combine(target, file.Path)));
        }

        if (kinds.Count == 0)
        {
            console.Warn("the server serves no Kind yet: add one with 'apiserver-boot create group version resource'");
        }

        return ExitCodes.Ok;
    }

    private static async Task<IReadOnlyList<ApiReference.GroupVersion>> ReadAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var index = await GetAsync(http, "/openapi/v3", cancellationToken).ConfigureAwait(false);
        var result = new List<ApiReference.GroupVersion>();
        foreach (var (path, entry) in index["paths"] as JsonObject ?? [])
        {
            // Only the server's own API groups: /openapi/v3/apis/<group>/<version>.
            var parts = path.Split('/');
            if (parts.Length != 3 || parts[0] != "apis" || entry?["serverRelativeURL"] is not JsonValue url)
            {
                continue;
            }

            var document = await GetAsync(http, (string)url!, cancellationToken).ConfigureAwait(false);
            var discovery = await GetAsync(http, $"/apis/{parts[1]}/{parts[2]}", cancellationToken).ConfigureAwait(false);
            result.Add(new ApiReference.GroupVersion(parts[1], parts[2], discovery, document));
        }

        return result;
    }

    private static async Task<JsonObject> GetAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
        }

        return JsonNode.Parse(body) as JsonObject ?? throw new InvalidOperationException($"GET {path} did not answer a JSON object.");
    }
}
