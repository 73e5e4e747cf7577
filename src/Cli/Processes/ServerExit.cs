namespace ApiBuilder.Cli.Processes;

/// <summary>
/// Why a server stopped before it served, in one line, from what it printed: its own
/// <c>Error: ...</c> line, or else the exception .NET printed above the stack frames of a crash.
/// </summary>
internal static class ServerExit
{
    private const string ErrorPrefix = "Error: ";
    private const string UnhandledPrefix = "Unhandled exception. ";

    public static UserError Describe(IReadOnlyList<string> output, int exitCode)
    {
        if (output.LastOrDefault(l => l.StartsWith(ErrorPrefix, StringComparison.Ordinal)) is { } error)
        {
            // The server's own one-line message already says what to fix.
            return new UserError("the server did not start: " + error[ErrorPrefix.Length..].TrimEnd('.'), "See --help of the command for the flags");
        }

        // A crash: "Unhandled exception. System.X: message", then "   at ..." frames, maybe " ---> Inner: message".
        var crash = output.LastOrDefault(l => l.StartsWith(UnhandledPrefix, StringComparison.Ordinal));
        var reason = crash?[UnhandledPrefix.Length..]
            ?? output.LastOrDefault(l => l.Trim().Length > 0 && !IsStackFrame(l))?.Trim();
        return new UserError(
            $"the server exited with code {exitCode} before it served" + (reason is null ? " and printed nothing" : ": " + reason.TrimEnd('.')),
            "Fix what it reports and run the command again");
    }

    private static bool IsStackFrame(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("at ", StringComparison.Ordinal) || trimmed.StartsWith("--- End of", StringComparison.Ordinal);
    }
}
