using System.Globalization;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Selection;

namespace ApiBuilder.Runtime.Registry;

/// <summary>The query parameters of list and watch (<c>metav1.ListOptions</c>), parsed and validated.</summary>
internal sealed record ListOptions
{
    public LabelSelector LabelSelector { get; init; } = LabelSelector.Parse(null);

    public FieldSelector FieldSelector { get; init; } = FieldSelector.Parse(null);

    public int Limit { get; init; }

    public string? Continue { get; init; }

    public string? ResourceVersion { get; init; }

    public string? ResourceVersionMatch { get; init; }

    public bool Watch { get; init; }

    public bool AllowWatchBookmarks { get; init; }

    public bool? SendInitialEvents { get; init; }

    public int? TimeoutSeconds { get; init; }

    /// <summary>Parsed resourceVersion; null when unset.</summary>
    public long? Revision { get; init; }

    public static ListOptions Parse(Func<string, string?> query, bool watch)
    {
        var options = new ListOptions { Watch = watch };
        try
        {
            options = options with
            {
                LabelSelector = LabelSelector.Parse(query("labelSelector")),
                FieldSelector = FieldSelector.Parse(query("fieldSelector")),
            };
        }
        catch (SelectorParseException e)
        {
            throw ApiErrors.BadRequest(e.Message);
        }

        var rv = Empty(query("resourceVersion"));
        options = options with
        {
            Limit = ParseInt(query("limit"), "limit") is { } limit && limit > 0 ? limit : 0,
            Continue = Empty(query("continue")),
            ResourceVersion = rv,
            Revision = rv is null ? null : ResourceVersions.Parse(rv),
            ResourceVersionMatch = Empty(query("resourceVersionMatch")),
            AllowWatchBookmarks = Requests.QueryBool.Parse(query("allowWatchBookmarks"), "allowWatchBookmarks") ?? false,
            SendInitialEvents = Requests.QueryBool.Parse(query("sendInitialEvents"), "sendInitialEvents"),
            TimeoutSeconds = ParseInt(query("timeoutSeconds"), "timeoutSeconds"),
        };
        options.Validate();
        return options;
    }

    private void Validate()
    {
        var errors = new List<StatusCause>();
        var match = ResourceVersionMatch;
        if (match is not null and not ("Exact" or "NotOlderThan"))
        {
            errors.Add(new StatusCause("FieldValueNotSupported", $"Unsupported value: \"{match}\": supported values: \"Exact\", \"NotOlderThan\", \"\"", "resourceVersionMatch"));
        }

        if (Watch)
        {
            if (SendInitialEvents is not null)
            {
                if (match != "NotOlderThan")
                {
                    errors.Add(Forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
                }

                if (!AllowWatchBookmarks)
                {
                    errors.Add(Forbidden("allowWatchBookmarks", "sendInitialEvents requires setting allowWatchBookmarks to true"));
                }
            }
            else if (match is not null)
            {
                errors.Add(Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
            }
        }
        else
        {
            if (SendInitialEvents is not null)
            {
                errors.Add(Forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
            }

            if (match is not null)
            {
                if (ResourceVersion is null)
                {
                    errors.Add(Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided"));
                }

                if (Continue is not null)
                {
                    errors.Add(Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
                }

                if (match == "Exact" && ResourceVersion == "0")
                {
                    errors.Add(Forbidden("resourceVersionMatch", "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
                }
            }
        }

        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid("meta.k8s.io", "ListOptions", "", errors);
        }

        if (!Watch && Continue is not null && ResourceVersion is not null && ResourceVersion != "0")
        {
            throw ApiErrors.BadRequest("specifying resource version is not allowed when using continue");
        }
    }

    private static StatusCause Forbidden(string field, string message) => new("FieldValueForbidden", "Forbidden: " + message, field);

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static int? ParseInt(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? (int)Math.Clamp(n, int.MinValue, int.MaxValue)
            : throw ApiErrors.BadRequest($"invalid value for {name}: \"{value}\": must be an integer");
    }

}
