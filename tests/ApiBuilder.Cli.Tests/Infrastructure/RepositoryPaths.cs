using System.Reflection;

namespace ApiBuilder.Cli.Tests.Infrastructure;

/// <summary>Where the repository and this test project's sources are.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "RepositoryRoot").Value!;

    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>The test project's folder, from the path of a test source file.</summary>
    public static string TestsFolder(string testFile)
    {
        for (var dir = Path.GetDirectoryName(testFile); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "ApiBuilder.Cli.Tests.csproj")))
            {
                return dir;
            }
        }

        return Path.Combine(Root, "tests", "ApiBuilder.Cli.Tests");
    }
}
