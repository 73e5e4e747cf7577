using System.Globalization;
using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.Registry;

/// <summary>Parses client-supplied resourceVersions: opaque to clients, decimal revisions to this server.</summary>
internal static class ResourceVersions
{
    public static long Parse(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) && revision >= 0
            ? revision
            : throw ApiErrors.BadRequest($"invalid resource version \"{value}\": resourceVersion must be a non-negative integer this server issued");

    public static string Format(long revision) => revision.ToString(CultureInfo.InvariantCulture);
}
