using System.Reflection;

namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

/// <summary>Finds the built wardle-apiserver.dll: the repository root is the first parent holding ApiBuilder.sln.</summary>
internal static class WardleServerLocation
{
    private const string ServerAssembly = "wardle-apiserver.dll";

    /// <summary>Set to use a server assembly built elsewhere.</summary>
    public const string OverrideVariable = "APIBUILDER_WARDLE_DLL";

    public static string FindServerAssembly()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } explicitPath)
        {
            return File.Exists(explicitPath)
                ? explicitPath
                : throw new InvalidOperationException($"{OverrideVariable} points to '{explicitPath}', which does not exist.");
        }

        var root = FindRepositoryRoot();
        var configuration = typeof(WardleServerLocation).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Debug";

        // The configuration under test first, then any other build that exists.
        var candidates = new[] { configuration, "Debug", "Release" }
            .Distinct()
            .Select(c => Path.Combine(root, "samples", "Wardle", "bin", c, "net10.0", ServerAssembly))
            .ToList();

        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"The Wardle server is not built. Looked for:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", candidates)}{Environment.NewLine}" +
                "Build it with `dotnet build samples/Wardle` (the test project references it, so `dotnet test` builds it too).");
    }

    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ApiBuilder.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ApiBuilder.sln found above '{AppContext.BaseDirectory}'.");
    }
}
