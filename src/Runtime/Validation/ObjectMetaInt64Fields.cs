using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Serialization;

namespace ApiBuilder.Runtime.Validation;

/// <summary>
/// The int64 fields of ObjectMeta a client can send. The server owns them and overwrites what is
/// sent, but kube-apiserver decodes the body into ObjectMeta first, so a value no int64 can hold
/// (<c>1e400</c>, <c>9223372036854775808</c>, <c>1.5</c>, <c>"1"</c>, <c>true</c>) fails the request
/// instead of being ignored.
/// </summary>
internal static class ObjectMetaInt64Fields
{
    private static readonly string[] Fields = ["generation", "deletionGracePeriodSeconds"];

    /// <summary>The first such field whose value does not fit, with Go's decode error; null when all fit.</summary>
    public static (string Field, JsonNode Value, string Error)? FirstMisfit(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            return null;
        }

        foreach (var field in Fields)
        {
            if (metadata[field] is { } value && JsonInt64.IsMisfit(value))
            {
                return ("metadata." + field, value, JsonInt64.DecodeError(value, "ObjectMeta.metadata." + field));
            }
        }

        return null;
    }
}
