namespace ApiBuilder.Runtime.Certificates;

/// <summary>What a single-cluster, client-certificate kubeconfig holds.</summary>
internal sealed record KubeconfigSpec
{
    /// <summary>The server URL, e.g. <c>https://127.0.0.1:9443</c>.</summary>
    public required string ServerUrl { get; init; }

    /// <summary>Name of the <c>clusters[]</c> entry.</summary>
    public required string ClusterName { get; init; }

    /// <summary>Name of the <c>users[]</c> entry (a kubeconfig label, not the authenticated user name).</summary>
    public required string UserName { get; init; }

    /// <summary>Name of the <c>contexts[]</c> entry, which becomes <c>current-context</c>.</summary>
    public required string ContextName { get; init; }

    /// <summary>PEM of the CA(s) that verify the serving certificate.</summary>
    public required string CertificateAuthorityPem { get; init; }

    /// <summary>PEM of the client certificate.</summary>
    public required string ClientCertificatePem { get; init; }

    /// <summary>PEM of the client certificate's private key.</summary>
    public required string ClientKeyPem { get; init; }
}
