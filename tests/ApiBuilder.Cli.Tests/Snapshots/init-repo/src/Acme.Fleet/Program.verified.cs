namespace Acme.Fleet;

// Inside the namespace, so that C# prefers the generated AddGeneratedResources to the
// placeholder in NoKindsYet.cs (see there).
using ApiBuilder.Runtime.Server;

/// <summary>The acme-fleet API server.</summary>
internal static class Program
{
    /// <summary>Runs the server until Ctrl-C or SIGTERM; <c>--help</c> lists its flags (port, certificates, storage).</summary>
    /// <param name="args">Kubernetes-style flags such as <c>--secure-port 9443</c>.</param>
    /// <returns>0 after a clean stop, 1 for a problem the message explains.</returns>
    public static async Task<int> Main(string[] args)
    {
        var builder = ApiServer.CreateBuilder(args, "acme-fleet");

        // Serves every [Kind] class of this project. ApiBuilder's source generator writes this
        // method at compile time, so adding a Kind needs no change here.
        builder.AddGeneratedResources();

        await using var server = builder.Build();
        return await server.RunAsync();
    }
}
