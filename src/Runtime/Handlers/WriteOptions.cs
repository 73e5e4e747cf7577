using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Registry;

namespace ApiBuilder.Runtime.Handlers;

/// <summary>Validates the query parameters shared by create, update and patch (Create/Update/PatchOptions).</summary>
internal static class WriteOptions
{
    public static WriteContext Parse(ApiRequest request, string optionsKind, IReadOnlyList<string> duplicates, List<StatusCause>? errors = null)
    {
        var dryRun = DryRunValue.Parse(request.QueryAll("dryRun"), optionsKind);
        errors ??= [];
        var manager = request.Query("fieldManager") ?? "";
        errors.AddRange(FieldManagerName.Validate(manager));

        var validation = request.Query("fieldValidation") switch
        {
            null or "" or "Warn" => FieldValidation.Warn,
            "Strict" => FieldValidation.Strict,
            "Ignore" => FieldValidation.Ignore,
            var other => Unsupported(other, errors),
        };
        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid("meta.k8s.io", optionsKind, "", errors);
        }

        return new WriteContext
        {
            UserName = request.User.Name,
            UserGroups = request.User.Groups,
            DryRun = dryRun,
            FieldManager = manager.Length > 0 ? manager : FieldManagerName.FromUserAgent(request.Http.Request.Headers.UserAgent.ToString()),
            FieldValidation = validation,
            DuplicateFields = duplicates,
        };
    }

    private static FieldValidation Unsupported(string value, List<StatusCause> errors)
    {
        errors.Add(new StatusCause("FieldValueNotSupported", $"Unsupported value: \"{value}\": supported values: \"Ignore\", \"Strict\", \"Warn\"", "fieldValidation"));
        return FieldValidation.Warn;
    }
}
