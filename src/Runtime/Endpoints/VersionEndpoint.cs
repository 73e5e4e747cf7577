using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.Negotiation;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Endpoints;

/// <summary><c>/version</c>: the server's version.Info.</summary>
internal sealed class VersionEndpoint(string gitVersion)
{
    private readonly byte[] body = ResponseWriter.ToJson(Build(gitVersion));

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

    private static JsonObject Build(string gitVersion)
    {
        var numbers = gitVersion.TrimStart('v').Split('.', '-', '+');
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
