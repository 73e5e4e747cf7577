using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ApiBuilder.Cli.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP stand-in for kube-apiserver, enough for <c>kubectl apply --dry-run=client</c>:
/// legacy discovery (<c>/api</c>, <c>/apis</c> and the group-versions of the kinds build config
/// writes) and a 404 NotFound Status for everything else, so every object looks new. Records the
/// paths asked for.
/// </summary>
internal sealed class DiscoveryStandIn : IAsyncDisposable
{
    private static readonly Dictionary<string, string> Documents = new(StringComparer.Ordinal)
    {
        ["/api"] = """{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1"}]}""",
        ["/apis"] = """
            {"kind":"APIGroupList","apiVersion":"v1","groups":[
            {"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}},
            {"name":"rbac.authorization.k8s.io","versions":[{"groupVersion":"rbac.authorization.k8s.io/v1","version":"v1"}],"preferredVersion":{"groupVersion":"rbac.authorization.k8s.io/v1","version":"v1"}},
            {"name":"apiregistration.k8s.io","versions":[{"groupVersion":"apiregistration.k8s.io/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apiregistration.k8s.io/v1","version":"v1"}}]}
            """,
        ["/api/v1"] = Resources("v1", ("namespaces", "Namespace", false), ("serviceaccounts", "ServiceAccount", true), ("secrets", "Secret", true),
            ("services", "Service", true), ("persistentvolumeclaims", "PersistentVolumeClaim", true)),
        ["/apis/apps/v1"] = Resources("apps/v1", ("deployments", "Deployment", true), ("statefulsets", "StatefulSet", true)),
        ["/apis/rbac.authorization.k8s.io/v1"] = Resources("rbac.authorization.k8s.io/v1", ("clusterroles", "ClusterRole", false),
            ("clusterrolebindings", "ClusterRoleBinding", false), ("roles", "Role", true), ("rolebindings", "RoleBinding", true)),
        ["/apis/apiregistration.k8s.io/v1"] = Resources("apiregistration.k8s.io/v1", ("apiservices", "APIService", false)),
    };

    private readonly HttpListener listener = new();
    private readonly Task serving;
    private readonly List<string> requests = [];

    public DiscoveryStandIn()
    {
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort();
            listener.Prefixes.Clear();
            listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>A kubeconfig whose current context is this stand-in.</summary>
    public string WriteKubeconfig(string path)
    {
        File.WriteAllText(path, $$"""
            apiVersion: v1
            kind: Config
            clusters:
              - name: stand-in
                cluster:
                  server: http://127.0.0.1:{{Port}}
            users:
              - name: stand-in
                user: {}
            contexts:
              - name: stand-in
                context:
                  cluster: stand-in
                  user: stand-in
            current-context: stand-in
            """);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        try
        {
            await serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }

        listener.Close();
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            lock (requests)
            {
                requests.Add(context.Request.HttpMethod + " " + context.Request.Url.PathAndQuery);
            }

            var found = Documents.TryGetValue(path, out var body);
            body ??= $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{path}} not found","reason":"NotFound","code":404}""";
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static string Resources(string groupVersion, params (string Name, string Kind, bool Namespaced)[] resources) =>
        $$"""{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"{{groupVersion}}","resources":[{{string.Join(",", resources.Select(r =>
            $$"""{"name":"{{r.Name}}","singularName":"{{r.Kind.ToLowerInvariant()}}","namespaced":{{(r.Namespaced ? "true" : "false")}},"kind":"{{r.Kind}}","verbs":["create","delete","get","list","patch","update","watch"]}"""))}}]}""";

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
