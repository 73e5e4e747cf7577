using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Registry;

namespace ApiBuilder.Runtime.Handlers;

/// <summary>Validates the query parameters shared by create, update and patch (Create/Update/PatchOptions).</summary>
internal static class WriteOptions
{
    public static WriteContext Parse(ApiRequest request, string optionsKind, IReadOnlyList<string> duplicates)
    {
        var dryRun = DryRunValue.Parse(request.QueryAll("dryRun"), optionsKind);
        var errors = new List<StatusCause>();
        var manager = request.Query("fieldManager") ?? "";
        if (manager.Length > 128)
        {
            errors.Add(new StatusCause("FieldValueTooLong", "Too long: may not be more than 128 bytes", "fieldManager"));
        }
        else if (manager.Any(c => char.IsControl(c)))
        {
            errors.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{manager}\": must only contain printable characters", "fieldManager"));
        }

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
            FieldManager = manager,
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
