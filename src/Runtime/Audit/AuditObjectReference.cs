using System.Text.Json;

namespace ApiBuilder.Runtime.Audit;

/// <summary>What a resource request addressed, as an audit event's <c>objectRef</c>.</summary>
internal sealed record AuditObjectReference(string Resource, string Namespace, string Name, string ApiGroup, string ApiVersion, string Subresource)
{
    /// <summary>The object's resourceVersion, when the request carried one.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary>The object's uid, when the request carried one.</summary>
    public string? Uid { get; set; }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject("objectRef");
        Optional(w, "resource", Resource);
        Optional(w, "namespace", Namespace);
        Optional(w, "name", Name);
        Optional(w, "uid", Uid);
        Optional(w, "apiGroup", ApiGroup);
        Optional(w, "apiVersion", ApiVersion);
        Optional(w, "resourceVersion", ResourceVersion);
        Optional(w, "subresource", Subresource);
        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }
}
