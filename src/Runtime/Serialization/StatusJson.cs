using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.Serialization;

/// <summary>Converts <see cref="Status"/> to its wire form (<c>{"kind":"Status","apiVersion":"v1",...}</c>).</summary>
internal static class StatusJson
{
    public static JsonObject ToNode(Status status)
    {
        var node = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = status.StatusValue,
        };
        if (!string.IsNullOrEmpty(status.Message))
        {
            node["message"] = status.Message;
        }

        if (!string.IsNullOrEmpty(status.Reason))
        {
            node["reason"] = status.Reason;
        }

        if (status.Details is { } d)
        {
            var details = new JsonObject();
            AddIfSet(details, "name", d.Name);
            AddIfSet(details, "group", d.Group);
            AddIfSet(details, "kind", d.Kind);
            AddIfSet(details, "uid", d.Uid);
            if (d.Causes.Count > 0)
            {
                var causes = new JsonArray();
                foreach (var c in d.Causes)
                {
                    var cause = new JsonObject();
                    AddIfSet(cause, "reason", c.Reason);
                    AddIfSet(cause, "message", c.Message);
                    AddIfSet(cause, "field", c.Field);
                    causes.Add(cause);
                }

                details["causes"] = causes;
            }

            if (d.RetryAfterSeconds is { } retry)
            {
                details["retryAfterSeconds"] = retry;
            }

            node["details"] = details;
        }

        if (status.Code != 0)
        {
            node["code"] = status.Code;
        }

        return node;
    }

    private static void AddIfSet(JsonObject node, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            node[name] = value;
        }
    }
}
