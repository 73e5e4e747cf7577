using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Serialization;

namespace ApiBuilder.Runtime.Registry;

/// <summary><c>metav1.DeleteOptions</c>, from a request body (with or without TypeMeta) or query parameters.</summary>
internal sealed record DeleteOptions
{
    public string? PreconditionUid { get; init; }

    public string? PreconditionResourceVersion { get; init; }

    public string? PropagationPolicy { get; init; }

    public long? GracePeriodSeconds { get; init; }

    public bool? OrphanDependents { get; init; }

    public bool DryRun { get; init; }

    public static DeleteOptions From(JsonNode? body, Func<string, string?> query, IReadOnlyList<string> queryDryRun)
    {
        var options = new DeleteOptions
        {
            PropagationPolicy = query("propagationPolicy"),
            GracePeriodSeconds = QueryInt64(query, "gracePeriodSeconds"),
            OrphanDependents = Requests.QueryBool.Parse(query("orphanDependents"), "orphanDependents"),
            DryRun = DryRunValue.Parse(queryDryRun, "DeleteOptions"),
        };
        if (body is null)
        {
            return options.Validated();
        }

        if (body is not JsonObject obj)
        {
            throw ApiErrors.BadRequest("the body of a delete request must be a DeleteOptions object");
        }

        var kind = obj["kind"]?.GetValue<string>();
        if (kind is not null && kind != "DeleteOptions")
        {
            throw ApiErrors.BadRequest($"expected DeleteOptions, got {kind}");
        }

        try
        {
            var preconditions = obj["preconditions"] as JsonObject;
            var dryRun = obj["dryRun"] is JsonArray array ? array.Select(v => v?.GetValue<string>() ?? "").ToList() : null;
            options = options with
            {
                PreconditionUid = preconditions?["uid"]?.GetValue<string>(),
                PreconditionResourceVersion = preconditions?["resourceVersion"]?.GetValue<string>(),
                PropagationPolicy = obj["propagationPolicy"]?.GetValue<string>() ?? options.PropagationPolicy,
                GracePeriodSeconds = BodyInt64(obj, "gracePeriodSeconds") ?? options.GracePeriodSeconds,
                OrphanDependents = obj["orphanDependents"]?.GetValue<bool>() ?? options.OrphanDependents,
                DryRun = dryRun is null ? options.DryRun : DryRunValue.Parse(dryRun, "DeleteOptions"),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            throw ApiErrors.BadRequest("invalid DeleteOptions: " + e.Message);
        }

        return options.Validated();
    }

    /// <summary>An int64 field of the body: only an integer literal in range, as Go's decoder reads it.</summary>
    private static long? BodyInt64(JsonObject obj, string field)
    {
        var node = obj[field];
        if (node is null)
        {
            return null;
        }

        if (JsonInt64.TryGet(node, out var value))
        {
            return value;
        }

        throw ApiErrors.BadRequest(JsonInt64.DecodeError(node, "DeleteOptions." + field));
    }

    // Query parameters that do not parse are a 400, as kube-apiserver's parameter codec answers;
    // ignoring them would delete with options the client did not ask for.
    private static long? QueryInt64(Func<string, string?> query, string name) => query(name) switch
    {
        null or "" => null,
        var text when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) => value,
        var text => throw ApiErrors.BadRequest($"invalid value for {name}: \"{text}\": must be an integer"),
    };

    private DeleteOptions Validated()
    {
        var errors = new List<StatusCause>();
        if (PropagationPolicy is not null and not ("Orphan" or "Background" or "Foreground"))
        {
            errors.Add(new StatusCause("FieldValueNotSupported",
                $"Unsupported value: \"{PropagationPolicy}\": supported values: \"Foreground\", \"Background\", \"Orphan\"", "propagationPolicy"));
        }

        if (OrphanDependents is not null && PropagationPolicy is not null)
        {
            errors.Add(new StatusCause("FieldValueInvalid", "Invalid value: \"" + PropagationPolicy + "\": orphanDependents and deletionPropagation cannot be both set", "propagationPolicy"));
        }

        if (GracePeriodSeconds is < 0)
        {
            errors.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {GracePeriodSeconds}: must be greater than or equal to 0", "gracePeriodSeconds"));
        }

        return errors.Count == 0 ? this : throw ApiErrors.Invalid("meta.k8s.io", "DeleteOptions", "", errors);
    }
}

/// <summary>Parses <c>dryRun</c>: only <c>All</c> is valid.</summary>
internal static class DryRunValue
{
    public static bool Parse(IReadOnlyList<string> values, string optionsKind)
    {
        if (values.Count == 0)
        {
            return false;
        }

        foreach (var value in values)
        {
            if (value != "All")
            {
                throw ApiErrors.Invalid("meta.k8s.io", optionsKind, "",
                    [new StatusCause("FieldValueNotSupported", $"Unsupported value: \"{value}\": supported values: \"All\"", "dryRun")]);
            }
        }

        return true;
    }
}
