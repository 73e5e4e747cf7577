using ApiBuilder.EndToEnd.Tests.Infrastructure;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>Reading state back through kubectl, the way a user checks what happened.</summary>
internal static class KubectlQueries
{
    /// <summary><c>kubectl get flunder NAME -o jsonpath=PATH</c>; the command must succeed.</summary>
    public static async Task<string> JsonPathAsync(WardleServer server, string ns, string name, string path) =>
        (await server.Kubectl.RunAsync("get", "flunder", name, "-n", ns, "-o", $"jsonpath={path}")).ShouldSucceed().Stdout;

    /// <summary>
    /// Asserts the Flunder does not exist. Uses <c>--ignore-not-found</c> because, on NotFound with an
    /// explicit <c>-n</c>, kubectl 1.32 looks the namespace up in the core API (which an extension
    /// server does not serve) and then prints a generic "could not find the requested resource".
    /// </summary>
    public static async Task ShouldBeGoneAsync(WardleServer server, string ns, string name)
    {
        var result = (await server.Kubectl.RunAsync("get", "flunder", name, "-n", ns, "--ignore-not-found", "-o", "name")).ShouldSucceed();
        Xunit.Assert.True(result.Stdout.Length == 0, result.Describe($"expected flunder {name} to be gone"));
    }
}
