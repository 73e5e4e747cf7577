using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

/// <summary>The outcome of one kubectl run. The Should* methods fail with everything needed to diagnose.</summary>
public sealed record KubectlResult(IReadOnlyList<string> Args, int ExitCode, string Stdout, string Stderr, bool TimedOut, ServerOutput ServerOutput)
{
    public KubectlResult ShouldSucceed()
    {
        Assert.True(ExitCode == 0 && !TimedOut, Describe("expected kubectl to succeed"));
        return this;
    }

    /// <summary>Asserts a non-zero exit (not a timeout) and that stderr contains <paramref name="expectedError"/>.</summary>
    public KubectlResult ShouldFailWith(string expectedError)
    {
        Assert.True(ExitCode != 0 && !TimedOut, Describe("expected kubectl to fail"));
        Assert.True(Stderr.Contains(expectedError, StringComparison.Ordinal), Describe($"expected stderr to contain: {expectedError}"));
        return this;
    }

    /// <summary>Asserts stderr carries a warning line (kubectl prints server Warning headers there).</summary>
    public KubectlResult ShouldWarn(string warning)
    {
        Assert.True(Stderr.Contains(warning, StringComparison.Ordinal), Describe($"expected stderr to contain: {warning}"));
        return this;
    }

    public KubectlResult StdoutShouldContain(params string[] expected)
    {
        foreach (var text in expected)
        {
            Assert.True(Stdout.Contains(text, StringComparison.Ordinal), Describe($"expected stdout to contain: {text}"));
        }

        return this;
    }

    public KubectlResult StdoutShouldNotContain(string unexpected)
    {
        Assert.False(Stdout.Contains(unexpected, StringComparison.Ordinal), Describe($"expected stdout NOT to contain: {unexpected}"));
        return this;
    }

    /// <summary>Non-empty stdout lines.</summary>
    public IReadOnlyList<string> Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string Describe(string failure) =>
        $"{failure}{Environment.NewLine}" +
        $"$ kubectl {string.Join(' ', Args)}{Environment.NewLine}" +
        $"exit code: {(TimedOut ? "timed out (killed)" : ExitCode.ToString())}{Environment.NewLine}" +
        $"--- stdout ---{Environment.NewLine}{Stdout}{Environment.NewLine}" +
        $"--- stderr ---{Environment.NewLine}{Stderr}{Environment.NewLine}" +
        ServerOutput.Tail();
}
