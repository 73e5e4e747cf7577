using System.Reflection;

namespace ApiBuilder.Cli;

/// <summary>The tool's own version and the ApiBuilder.Runtime package it carries.</summary>
internal static class ToolInfo
{
    /// <summary>Environment variable naming a folder that holds ApiBuilder.Runtime.&lt;version&gt;.nupkg, instead of the tool's own packages/ folder.</summary>
    public const string PackagesVariable = "APIBUILDER_PACKAGES";

    /// <summary>The tool's version, e.g. <c>0.1.0</c> (without build metadata).</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>Where the ApiBuilder.Runtime package travels with the tool.</summary>
    public static string DefaultPackagesDirectory => Environment.GetEnvironmentVariable(PackagesVariable) is { Length: > 0 } dir
        ? dir
        : Path.Combine(AppContext.BaseDirectory, "packages");

    private static string ReadVersion()
    {
        var informational = typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
