using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.Negotiation;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Endpoints;

/// <summary>
/// <c>/version</c>: the server's version.Info. Like any aggregated server built on a Kubernetes library,
/// it reports the Kubernetes API level it implements (<see cref="KubernetesVersion"/>), so that kubectl
/// sees no version skew; the server's own name and version are the build metadata of <c>gitVersion</c>,
/// e.g. <c>v1.32.0+wardle-v0.1.0</c>.
/// </summary>
internal sealed class VersionEndpoint(string serverName, string serverVersion)
{
    /// <summary>The Kubernetes release whose API conventions the runtime implements and is tested against.</summary>
    public const string KubernetesVersion = "1.32.0";

    private readonly byte[] body = ResponseWriter.ToJson(Build(GitVersion(serverName, serverVersion)));

    public Task HandleAsync(HttpContext context)
    {
        ContentNegotiator.RequireJson(context.Request.Headers.Accept);
        context.Response.StatusCode = 200;
        context.Response.ContentType = ResponseWriter.JsonContentType;
        context.Response.Headers.CacheControl = "no-cache, private";
        return ResponseWriter.WriteBytesAsync(context, body);
    }

    public static string DefaultVersion(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return "v" + (plus >= 0 ? informational[..plus] : informational);
    }

    /// <summary><c>v&lt;Kubernetes version&gt;+&lt;name&gt;-&lt;version&gt;</c>, the metadata reduced to SemVer's characters.</summary>
    public static string GitVersion(string serverName, string serverVersion)
    {
        var metadata = new string($"{serverName}-{serverVersion}".Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray()).Trim('.');
        while (metadata.Contains("..", StringComparison.Ordinal))
        {
            metadata = metadata.Replace("..", ".", StringComparison.Ordinal);
        }

        return metadata.Length == 0 ? "v" + KubernetesVersion : $"v{KubernetesVersion}+{metadata}";
    }

    private static JsonObject Build(string gitVersion)
    {
        var numbers = KubernetesVersion.Split('.');
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            var other => other.ToString().ToLowerInvariant(),
        };
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "unknown";
        return new JsonObject
        {
            ["major"] = numbers.ElementAtOrDefault(0) ?? "0",
            ["minor"] = numbers.ElementAtOrDefault(1) ?? "0",
            ["gitVersion"] = gitVersion,
            ["gitCommit"] = "",
            ["gitTreeState"] = "",
            ["buildDate"] = "",
            ["goVersion"] = RuntimeInformation.FrameworkDescription,
            ["compiler"] = "dotnet",
            ["platform"] = os + "/" + arch,
        };
    }
}
