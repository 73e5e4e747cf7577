using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace ApiBuilder.Cli.Output;

/// <summary>The process's own console: a Spectre.Console spinner for steps when stdout is a terminal, plain lines otherwise.</summary>
internal sealed class SystemConsole : ICliConsole
{
    public TextWriter Out => Console.Out;

    public TextWriter Error => Console.Error;

    public bool IsTerminal => !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";

    public async Task<T> StepAsync<T>(string title, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (!IsTerminal)
        {
            Out.WriteLine(title + " ...");
            var plain = await work(cancellationToken).ConfigureAwait(false);
            Out.WriteLine($"{title}: done ({Seconds(clock)})");
            return plain;
        }

        var result = await AnsiConsole.Status()
            .Spinner(Spinner.Known.Dots)
            .StartAsync(Markup.Escape(title) + " ...", _ => work(cancellationToken))
            .ConfigureAwait(false);
        AnsiConsole.MarkupLine($"[green]✓[/] {Markup.Escape(title)} [grey]({Seconds(clock)})[/]");
        return result;
    }

    private static string Seconds(Stopwatch clock) => clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
}
