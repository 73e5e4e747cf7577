namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

/// <summary>Unique DNS-1123 names, so tests sharing a server never see each other's objects.</summary>
public static class Names
{
    /// <summary>A namespace of its own for one test.</summary>
    public static string Namespace() => Unique("e2e");

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}
