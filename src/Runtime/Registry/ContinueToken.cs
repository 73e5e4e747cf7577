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

    /// <summary>
    /// Reads a token a client sent back; anything this server did not write is 400 BadRequest
    /// "invalid continue token: continue key is not valid: ...", in kube-apiserver's words.
    /// </summary>
    public static ContinueToken Decode(string token)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(token);
        }
        catch (FormatException)
        {
            throw Invalid("illegal base64 data");
        }

        string? version = null;
        long rv = 0;
        var start = "";
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("cannot unmarshal " + JsonKind(root.ValueKind) + " into a continue token");
            }

            // Fields absent are zero values, as Go's decoding leaves them; a field of another type is refused.
            if (root.TryGetProperty("v", out var v) && v.ValueKind != JsonValueKind.Null)
            {
                version = v.ValueKind == JsonValueKind.String ? v.GetString() : throw Mistyped(v, "v", "string");
            }

            if (root.TryGetProperty("rv", out var r) && r.ValueKind != JsonValueKind.Null)
            {
                rv = r.ValueKind == JsonValueKind.Number && r.TryGetInt64(out var parsed) ? parsed : throw Mistyped(r, "rv", "int64");
            }

            if (root.TryGetProperty("start", out var s) && s.ValueKind != JsonValueKind.Null)
            {
                start = s.ValueKind == JsonValueKind.String ? s.GetString() ?? "" : throw Mistyped(s, "start", "string");
            }
        }
        catch (JsonException)
        {
            throw Invalid("invalid character in JSON");
        }

        if (version != Version)
        {
            throw Invalid("server does not recognize this encoded version");
        }

        if (rv == 0)
        {
            throw Invalid($"incorrect encoded start resourceVersion (version {Version})");
        }

        if (start.Length == 0)
        {
            throw Invalid($"encoded start key empty (version {Version})");
        }

        if (rv < 0 || start.Contains("..", StringComparison.Ordinal) || start.StartsWith('/') || start.Contains("//", StringComparison.Ordinal))
        {
            throw Invalid(start);
        }

        return new ContinueToken(rv, start);
    }

    private static StatusException Mistyped(JsonElement value, string field, string type) =>
        Invalid($"cannot unmarshal {JsonKind(value.ValueKind)} into continue token field {field} of type {type}");

    private static string JsonKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "value",
    };

    private static StatusException Invalid(string detail) => ApiErrors.BadRequest("invalid continue token: continue key is not valid: " + detail);
}
