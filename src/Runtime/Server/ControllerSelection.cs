namespace ApiBuilder.Runtime.Server;

/// <summary>Which controllers <c>--controllers</c> runs, and where their lease lives: shared by the server and the controller-manager.</summary>
internal static class ControllerSelection
{
    /// <summary>Whether <paramref name="selection"/> (<c>*</c>, names, <c>-name</c>) lets the controller named <paramref name="controller"/> run.</summary>
    public static bool Enabled(IReadOnlyList<string> selection, string controller) =>
        !selection.Contains("-" + controller, StringComparer.Ordinal)
        && (selection.Contains("*", StringComparer.Ordinal) || selection.Contains(controller, StringComparer.Ordinal));

    /// <summary>
    /// The controllers' User-Agent, <c>&lt;program&gt;/v&lt;version&gt;</c> as client-go's default: their writes are
    /// recorded in managedFields under the program's name.
    /// </summary>
    public static string UserAgent { get; } =
        $"{AppDomain.CurrentDomain.FriendlyName}/v{typeof(ApiServer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}";

    /// <summary>The name of the Lease that lets one process at a time run the controllers of the server named <paramref name="server"/>, in it or in a controller-manager.</summary>
    public static string LeaseName(string server) => server + "-controllers";

    /// <summary>The namespace of the pod (its service account's), else <c>POD_NAMESPACE</c>, else <c>default</c>.</summary>
    public static string PodNamespace()
    {
        const string file = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
        try
        {
            return File.Exists(file) ? File.ReadAllText(file).Trim() : Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "default";
        }
        catch (IOException)
        {
            return "default";
        }
    }
}
