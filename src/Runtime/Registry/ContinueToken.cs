using System.Text;
using System.Text.Json;
using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.Registry;

/// <summary>
/// The opaque <c>continue</c> value of a paged list: the revision the first page was read at and
/// the key (relative to the collection) the next page starts from. Same layout as kube-apiserver's.
/// </summary>
internal sealed record ContinueToken(long Revision, string StartKey)
{
    private const string Version = "meta.k8s.io/v1";

    public string Encode()
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("v", Version);
            writer.WriteNumber("rv", Revision);
            writer.WriteString("start", StartKey);
            writer.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.ToArray());
    }

    public static ContinueToken Decode(string token)
    {
        try
        {
            var bytes = Convert.FromBase64String(token);
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            if (root.GetProperty("v").GetString() != Version)
            {
                throw Invalid("server does not recognize this encoded version");
            }

            var rv = root.GetProperty("rv").GetInt64();
            var start = root.GetProperty("start").GetString() ?? "";
            if (rv <= 0 || start.Contains("..", StringComparison.Ordinal) || start.StartsWith('/'))
            {
                throw Invalid("continue key is not valid");
            }

            return new ContinueToken(rv, start);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw Invalid("continue key is not valid: " + e.Message);
        }
    }

    private static StatusException Invalid(string message) => ApiErrors.BadRequest(message);
}
