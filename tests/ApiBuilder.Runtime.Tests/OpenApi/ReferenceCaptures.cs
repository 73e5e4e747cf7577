using System.Text;
using Xunit;

namespace ApiBuilder.Runtime.Tests.OpenApi;

/// <summary>Reads the recorded exchanges with Kubernetes' sample-apiserver that the test project copies to its output.</summary>
internal static class ReferenceCaptures
{
    /// <summary>The response body of a capture: everything after the first blank line, as raw bytes.</summary>
    public static byte[] Body(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "reference-wire", fileName);
        Assert.True(File.Exists(path), $"Reference capture {path} is missing; the test project copies it from TestData/.");

        var bytes = File.ReadAllBytes(path);
        var text = Encoding.UTF8.GetString(bytes);
        var separator = text.Contains("\r\n\r\n", StringComparison.Ordinal) ? "\r\n\r\n" : "\n\n";
        var start = Encoding.UTF8.GetByteCount(text[..(text.IndexOf(separator, StringComparison.Ordinal) + separator.Length)]);
        var body = bytes.AsSpan(start);
        while (body.Length > 0 && body[^1] is (byte)'\n' or (byte)'\r')
        {
            body = body[..^1];
        }

        return body.ToArray();
    }
}
