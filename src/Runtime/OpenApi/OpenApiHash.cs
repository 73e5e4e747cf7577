using System.Security.Cryptography;

namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// The content hash used in the OpenAPI v3 index (<c>?hash=</c>) and as the document's ETag.
/// Kubernetes uses the uppercase hex SHA-512 of the serialized group-version document; clients
/// cache hashed URLs as immutable, so the value must change whenever the bytes do.
/// </summary>
internal static class OpenApiHash
{
    /// <summary>Uppercase hexadecimal SHA-512 of <paramref name="json"/> (128 characters).</summary>
    public static string Compute(ReadOnlySpan<byte> json) => Convert.ToHexString(SHA512.HashData(json));
}
