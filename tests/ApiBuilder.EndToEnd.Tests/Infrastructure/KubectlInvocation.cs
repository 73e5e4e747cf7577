namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

/// <summary>One kubectl command line, with optional standard input, extra environment and time limit.</summary>
public sealed record KubectlInvocation(IReadOnlyList<string> Args)
{
    public string? Stdin { get; init; }

    /// <summary>Extra environment variables, e.g. <c>KUBE_EDITOR</c>.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The process tree is killed after this; null means <see cref="Kubectl.DefaultTimeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }
}
