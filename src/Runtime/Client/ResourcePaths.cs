using System.Globalization;
using System.Text;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Client;

/// <summary>Kubernetes REST paths and list/watch query strings.</summary>
internal static class ResourcePaths
{
    public static string Collection(ResourceDefinition definition, string? @namespace)
    {
        var root = definition.Group.Length == 0 ? "/api/" + definition.Version : $"/apis/{definition.Group}/{definition.Version}";
        return definition.Namespaced && !string.IsNullOrEmpty(@namespace)
            ? $"{root}/namespaces/{Uri.EscapeDataString(@namespace)}/{definition.Plural}"
            : $"{root}/{definition.Plural}";
    }

    public static string Object(ResourceDefinition definition, string? @namespace, string name, string? subresource)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (definition.Namespaced && string.IsNullOrEmpty(@namespace))
        {
            throw new InvalidOperationException($"{definition.Kind} is namespaced: give the client a namespace or set metadata.namespace.");
        }

        var path = Collection(definition, @namespace) + "/" + Uri.EscapeDataString(name);
        return subresource is null ? path : path + "/" + subresource;
    }

    public static string Query(ListOptions? options, bool watch)
    {
        var query = new StringBuilder();
        if (watch)
        {
            Add(query, "watch", "true");
        }

        if (options is not null)
        {
            Add(query, "labelSelector", options.LabelSelector);
            Add(query, "fieldSelector", options.FieldSelector);
            Add(query, "limit", options.Limit > 0 ? options.Limit.ToString(CultureInfo.InvariantCulture) : null);
            Add(query, "continue", options.Continue);
            Add(query, "resourceVersion", options.ResourceVersion);
            Add(query, "allowWatchBookmarks", options.AllowWatchBookmarks ? "true" : null);
            Add(query, "timeoutSeconds", options.TimeoutSeconds?.ToString(CultureInfo.InvariantCulture));
        }

        return query.ToString();
    }

    private static void Add(StringBuilder query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }
}
