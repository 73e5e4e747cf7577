namespace ApiBuilder.Cli.Output;

/// <summary>Shorthands for the kinds of lines the tool prints.</summary>
internal static class ConsoleExtensions
{
    public static void Line(this ICliConsole console, string text = "") => console.Out.WriteLine(text);

    public static void Warn(this ICliConsole console, string text) => console.Error.WriteLine("warning: " + text);

    /// <summary>The one line of a failure: what went wrong, then what to do about it.</summary>
    public static void Fail(this ICliConsole console, string reason, string fix) => console.Error.WriteLine($"error: {reason}. {fix}");

    public static async Task StepAsync(this ICliConsole console, string title, Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        await console.StepAsync<bool>(title, async ct =>
        {
            await work(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
}
