namespace ApiBuilder.Cli.Output;

/// <summary>
/// Everything the tool prints goes through here, so tests capture it and progress is drawn only
/// on a terminal.
/// </summary>
internal interface ICliConsole
{
    /// <summary>Standard output (help text, results, logs streamed from child processes).</summary>
    TextWriter Out { get; }

    /// <summary>Standard error (the one-line reason of a failure).</summary>
    TextWriter Error { get; }

    /// <summary>Whether standard output is a terminal: then slow steps show a spinner.</summary>
    bool IsTerminal { get; }

    /// <summary>
    /// Runs a step that may take longer than a second, with a spinner on a terminal and plain
    /// lines otherwise (one when it starts, one when it ends).
    /// </summary>
    Task<T> StepAsync<T>(string title, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);
}
