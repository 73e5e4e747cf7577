using ApiBuilder.Runtime.Server;

namespace ApiBuilder.Runtime.Tests.Server;

/// <summary>Runs a server as its Main would and keeps what it wrote to standard error.</summary>
internal static class ServerRuns
{
    // Standard error is one for the process: tests that capture it take turns.
    private static readonly SemaphoreSlim Capture = new(1, 1);

    public static async Task<(int Code, string Error)> RunAsync(ApiServer server)
    {
        await Capture.WaitAsync();
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            var code = await server.RunAsync();
            return (code, error.ToString());
        }
        finally
        {
            Console.SetError(original);
            Capture.Release();
        }
    }
}
