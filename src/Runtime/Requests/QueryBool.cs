using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.Requests;

/// <summary>A boolean query parameter as kube-apiserver reads one (Go's <c>strconv.ParseBool</c>).</summary>
internal static class QueryBool
{
    /// <summary>Null when absent or empty; a 400 BadRequest for anything Go would not read as a boolean.</summary>
    public static bool? Parse(string? value, string name) => value switch
    {
        null or "" => null,
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => throw ApiErrors.BadRequest($"invalid value for {name}: \"{value}\": must be a boolean"),
    };
}
