namespace ApiBuilder.Cli.Output;

/// <summary>A console that keeps everything in memory (tests), with plain step lines.</summary>
internal sealed class BufferConsole : ICliConsole
{
    private readonly StringWriter output = new() { NewLine = "\n" };
    private readonly StringWriter error = new() { NewLine = "\n" };

    public BufferConsole()
    {
        Out = TextWriter.Synchronized(output);
        Error = TextWriter.Synchronized(error);
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public bool IsTerminal => false;

    public string OutText => output.ToString();

    public string ErrorText => error.ToString();

    public async Task<T> StepAsync<T>(string title, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        Out.WriteLine(title + " ...");
        var result = await work(cancellationToken).ConfigureAwait(false);
        Out.WriteLine(title + ": done");
        return result;
    }
}
