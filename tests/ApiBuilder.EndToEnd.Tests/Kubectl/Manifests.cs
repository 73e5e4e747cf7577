using System.Text;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>YAML manifests as a user would write them for <c>kubectl create/apply -f</c>.</summary>
internal static class Manifests
{
    /// <param name="labels">A YAML flow mapping such as <c>{app: "web"}</c>.</param>
    /// <param name="finalizers">A YAML flow sequence such as <c>["example.com/keep"]</c>.</param>
    public static string Flunder(string name, string ns, string? reference = null, string? labels = null, string? finalizers = null, string? settings = null)
    {
        var yaml = new StringBuilder()
            .AppendLine("apiVersion: wardle.example.com/v1alpha1")
            .AppendLine("kind: Flunder")
            .AppendLine("metadata:")
            .AppendLine($"  name: {name}")
            .AppendLine($"  namespace: {ns}");
        if (labels is not null)
        {
            yaml.AppendLine($"  labels: {labels}");
        }

        if (finalizers is not null)
        {
            yaml.AppendLine($"  finalizers: {finalizers}");
        }

        if (reference is null && settings is null)
        {
            yaml.AppendLine("spec: {}");
            return yaml.ToString();
        }

        yaml.AppendLine("spec:");
        if (reference is not null)
        {
            yaml.AppendLine($"  reference: {reference}");
        }

        if (settings is not null)
        {
            yaml.AppendLine($"  settings: {settings}");
        }

        return yaml.ToString();
    }

    public static string Fischer(string name, params string[] disallowed) =>
        $"""
        apiVersion: wardle.example.com/v1alpha1
        kind: Fischer
        metadata:
          name: {name}
        spec:
          disallowedFlunders: [{string.Join(", ", disallowed.Select(d => $"\"{d}\""))}]

        """;
}
