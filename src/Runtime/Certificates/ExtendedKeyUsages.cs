namespace ApiBuilder.Runtime.Certificates;

/// <summary>The extended key usage OIDs the server issues and checks (RFC 5280 §4.2.1.12).</summary>
internal static class ExtendedKeyUsages
{
    /// <summary>id-kp-serverAuth: TLS server certificates.</summary>
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>id-kp-clientAuth: TLS client certificates (users, the aggregator's front-proxy client).</summary>
    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
}
