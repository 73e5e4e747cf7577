using System.Diagnostics;
using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Clients;

/// <summary>
/// A second real client: the official Python Kubernetes client (Debian's python3-kubernetes)
/// creates, lists, watches, patches, patches status, and reads Status errors.
/// </summary>
[Collection(KubectlCollection.Name)]
public sealed class PythonClientTests(WardleServer server)
{
    // Debian's package installs for the system interpreter; APIBUILDER_PYTHON points elsewhere if needed.
    private static readonly string Python = Environment.GetEnvironmentVariable("APIBUILDER_PYTHON") ?? "/usr/bin/python3";

    [Fact]
    public async Task The_python_kubernetes_client_drives_the_api()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Clients", "python_client_scenario.py");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { script, server.KubeconfigPath, Names.Namespace() })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + Python);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, server.Explain(
            $"{Python} {script} failed with {process.ExitCode} (the test needs Debian's python3-kubernetes):\n{await stderr}"));

        var seen = JsonNode.Parse(await stdout)!.AsObject();
        Assert.Equal("Flunder", seen["created_type"]!.GetValue<string>());
        Assert.Equal(["py"], seen["listed"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("patched", seen["patched"]!.GetValue<string>());
        Assert.Equal(2, seen["generation"]!.GetValue<int>());
        Assert.Equal("Ready", seen["phase"]!.GetValue<string>());
        Assert.Equal("[404,\"NotFound\"]", seen["missing"]!.ToJsonString());
        Assert.Equal("[409,\"Conflict\"]", seen["stale"]!.ToJsonString());
        Assert.Equal("py-one Apply", string.Join(" ", seen["applied_managers"]!.AsArray().Single()!.AsArray().Select(n => n!.GetValue<string>())));
        var conflict = seen["apply_conflict"]!.AsArray();
        Assert.Equal(409, conflict[0]!.GetValue<int>());
        Assert.Equal("Apply failed with 1 conflict: conflict with \"py-one\": .spec.reference", conflict[1]!.GetValue<string>());
        Assert.Equal(".spec.reference", conflict[2]![0]!.GetValue<string>());
        Assert.Equal("taken", seen["forced"]!.GetValue<string>());
        var events = seen["events"]!.AsArray().Select(e => e![0]!.GetValue<string>()).ToList();
        Assert.Equal("MODIFIED", events.First());
        Assert.Equal("DELETED", events.Last());
    }
}
