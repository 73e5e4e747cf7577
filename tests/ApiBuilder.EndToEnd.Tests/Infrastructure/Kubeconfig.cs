namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The parts of the kubeconfig the server writes that a client needs. Parsed line by line: the file
/// has one cluster and one user, with <c>key: value</c> scalars (values optionally double-quoted).
/// </summary>
internal sealed record Kubeconfig(Uri Server, string CertificateAuthorityPem, string ClientCertificatePem, string ClientKeyPem)
{
    /// <summary>Returns null while the file is absent or not yet completely written.</summary>
    public static Kubeconfig? TryLoad(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var server = Scalar(lines, "server");
        var ca = Scalar(lines, "certificate-authority-data");
        var cert = Scalar(lines, "client-certificate-data");
        var key = Scalar(lines, "client-key-data");
        if (server is null || ca is null || cert is null || key is null || !Uri.TryCreate(server, UriKind.Absolute, out var serverUri))
        {
            return null;
        }

        try
        {
            return new Kubeconfig(serverUri, Base64(ca), Base64(cert), Base64(key));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? Scalar(IEnumerable<string> lines, string key)
    {
        var prefix = key + ":";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                line = line[2..].TrimStart();
            }

            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                var value = line[prefix.Length..].Trim();
                return value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;
            }
        }

        return null;
    }

    private static string Base64(string value) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value));
}
