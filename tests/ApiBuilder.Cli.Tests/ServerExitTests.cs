using ApiBuilder.Cli.Processes;

namespace ApiBuilder.Cli.Tests;

/// <summary>run local shows why a server stopped before it served, not its stack frames.</summary>
public sealed class ServerExitTests
{
    [Fact]
    public void TheServersOwnErrorLineIsTheReason()
    {
        var error = ServerExit.Describe(["info: starting", "Error: port 8443 on 127.0.0.1 is already in use."], 1);

        Assert.Equal("the server did not start: port 8443 on 127.0.0.1 is already in use", error.Reason);
    }

    [Fact]
    public void ACrashShowsTheExceptionNotTheStackFrames()
    {
        string[] output =
        [
            "Unhandled exception. System.InvalidOperationException: The Kind 'Frigate' has no storage version.",
            "   at ApiBuilder.Runtime.Server.ApiServerBuilder.Build()",
            "   at Program.<Main>$(String[] args) in /p/src/Fleet/Program.cs:line 9",
            "--- End of stack trace from previous location ---",
            "   at Program.<Main>(String[] args)",
        ];

        var error = ServerExit.Describe(output, 134);

        Assert.Equal("the server exited with code 134 before it served: System.InvalidOperationException: The Kind 'Frigate' has no storage version", error.Reason);
    }

    [Fact]
    public void OtherwiseTheLastLineThatIsNotAStackFrame()
    {
        Assert.Equal("the server exited with code 3 before it served: Segmentation fault", ServerExit.Describe(["Segmentation fault", "   at X.Y()", ""], 3).Reason);
        Assert.Equal("the server exited with code 3 before it served and printed nothing", ServerExit.Describe([], 3).Reason);
    }
}
