using ApiBuilder.Runtime.Testing;

namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

/// <summary>A kubeconfig for a user of the stand-in cluster who authenticates with a bearer token at its aggregator.</summary>
internal static class TokenKubeconfig
{
    public static async Task<string> WriteAsync(TestCluster cluster, string directory, string user, string token)
    {
        var path = Path.Combine(directory, user + ".kubeconfig");
        await File.WriteAllTextAsync(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: aggregator
              cluster:
                server: {cluster.BaseAddress.GetLeftPart(UriPartial.Authority)}
                insecure-skip-tls-verify: true
            users:
            - name: {user}
              user:
                token: {token}
            contexts:
            - name: {user}
              context:
                cluster: aggregator
                user: {user}
            current-context: {user}
            """);
        return path;
    }
}
