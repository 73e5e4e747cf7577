using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Server;

namespace ApiBuilder.Runtime.Tests.Server;

/// <summary>A server whose definitions are wrong says so in one line when it runs, instead of crashing in Build.</summary>
public sealed class StartupErrorTests
{
    private static readonly ResourceDefinition Bad = new()
    {
        Group = "nodots",
        Version = "v1",
        Kind = "Thing",
        Plural = "things",
        Schema = new JsonObject { ["type"] = "object" },
    };

    [Fact]
    public async Task A_bad_definition_is_a_one_line_error_and_exit_code_1()
    {
        var builder = ApiServer.CreateBuilder(["--secure-port", "0", "--storage", "memory"], "test");
        builder.AddResource(Bad);
        await using var server = builder.Build();

        var (code, error) = await ServerRuns.RunAsync(server);

        Assert.Equal(1, code);
        Assert.StartsWith("Error: Thing (nodots/v1): group \"nodots\" must be a DNS subdomain with at least one dot", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_busy_port_is_a_one_line_error_and_exit_code_1()
    {
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;
        var certs = Path.Combine(Path.GetTempPath(), "apibuilder-test-" + Guid.NewGuid().ToString("N"));
        var builder = ApiServer.CreateBuilder(["--secure-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind-address", "127.0.0.1",
            "--cert-dir", certs, "--storage", "memory"], "test");
        builder.AddResource(new ResourceDefinition
        {
            Group = "things.example.com", Version = "v1", Kind = "Thing", Plural = "things", Schema = new JsonObject { ["type"] = "object" },
        });
        await using var server = builder.Build();

        int code;
        string error;
        try
        {
            (code, error) = await ServerRuns.RunAsync(server);
        }
        finally
        {
            Directory.Delete(certs, recursive: true);
        }

        Assert.Equal(1, code);
        Assert.Equal($"Error: port {port} on 127.0.0.1 is already in use: stop the other process or pass --secure-port with a free port", error.Trim());
    }

    [Fact]
    public async Task Starting_it_in_code_throws_with_the_same_reason()
    {
        var builder = ApiServer.CreateBuilder(["--secure-port", "0", "--storage", "memory"], "test");
        await using var server = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync());

        Assert.Contains("serves no resources", error.Message, StringComparison.Ordinal);
    }
}
