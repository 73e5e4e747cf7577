namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>One manager's fields: the set, the apiVersion it is expressed in, and when it last changed (RFC 3339, or null).</summary>
internal sealed class ManagedEntry(FieldSet set, string apiVersion, string? time)
{
    public FieldSet Set { get; set; } = set;

    public string ApiVersion { get; set; } = apiVersion;

    public string? Time { get; set; } = time;
}
