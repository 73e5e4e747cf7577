using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>Reads PEM certificates and keys, turning every failure into a <see cref="CertificateException"/>.</summary>
internal static class PemFiles
{
    /// <summary>
    /// Reads the first certificate of <paramref name="certificateFile"/> with the private key of
    /// <paramref name="keyFile"/> (PKCS#8, PKCS#1 or SEC1). <paramref name="fix"/> tells the operator what to do.
    /// </summary>
    public static X509Certificate2 LoadCertificateWithKey(string certificateFile, string keyFile, string fix)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        }
        catch (Exception e) when (IsUnusableFile(e))
        {
            throw new CertificateException(
                $"Cannot load the certificate '{certificateFile}' with the private key '{keyFile}': {e.Message} {fix}", e);
        }
    }

    /// <summary>Reads every certificate of a PEM bundle; at least one is required.</summary>
    public static X509Certificate2Collection LoadCertificates(string file, string fix)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(file);
        }
        catch (Exception e) when (IsUnusableFile(e))
        {
            throw new CertificateException($"Cannot read the certificate file '{file}': {e.Message} {fix}", e);
        }

        return ParseCertificates(pem, $"the certificate file '{file}'", fix);
    }

    /// <summary>Parses every certificate of a PEM text; <paramref name="source"/> names it in errors.</summary>
    public static X509Certificate2Collection ParseCertificates(string pem, string source, string fix)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (Exception e) when (IsUnusableFile(e))
        {
            throw new CertificateException($"Cannot parse {source}: {e.Message} {fix}", e);
        }

        if (certificates.Count == 0)
        {
            throw new CertificateException($"{Capitalize(source)} contains no PEM CERTIFICATE block. {fix}");
        }

        return certificates;
    }

    private static bool IsUnusableFile(Exception e) =>
        e is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException;

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
