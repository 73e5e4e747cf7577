using ApiBuilder.EndToEnd.Tests.Infrastructure;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>Reading state back through kubectl, the way a user checks what happened.</summary>
internal static class KubectlQueries
{
    /// <summary><c>kubectl get flunder NAME -o jsonpath=PATH</c>; the command must succeed.</summary>
    public static async Task<string> JsonPathAsync(WardleServer server, string ns, string name, string path) =>
        (await server.Kubectl.RunAsync("get", "flunder", name, "-n", ns, "-o", $"jsonpath={path}")).ShouldSucceed().Stdout;

    /// <summary>Asserts <c>kubectl get</c> reports the Flunder as NotFound.</summary>
    public static async Task ShouldBeGoneAsync(WardleServer server, string ns, string name) =>
        (await server.Kubectl.RunAsync("get", "flunder", name, "-n", ns))
            .ShouldFailWith($"Error from server (NotFound): flunders.wardle.example.com \"{name}\" not found");
}
