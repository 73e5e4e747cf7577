using System.Net.Sockets;
using ApiBuilder.Runtime.Certificates;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Server;

/// <summary>Turns start-up failures a user can fix into one-line messages with the fix.</summary>
internal static class StartupErrors
{
    public static string? Describe(Exception e, ApiServerOptions options) => e switch
    {
        CertificateException c => c.Message,
        StorageConfigurationException s => s.Message,
        Audit.AuditConfigurationException a => a.Message,
        Cluster.ClusterConfigurationException c => c.Message,
        FormatException f when options.AuthorizationPolicyFile is not null && f.Message.Contains("--authorization-policy-file", StringComparison.Ordinal) => f.Message,
        IOException or SocketException when SocketErrorOf(e) == SocketError.AddressAlreadyInUse =>
            $"port {options.SecurePort} on {options.BindAddress} is already in use: stop the other process or pass --secure-port with a free port",
        IOException or SocketException when SocketErrorOf(e) == SocketError.AccessDenied =>
            $"not allowed to listen on port {options.SecurePort}: ports below 1024 need privileges; pass --secure-port 9443",
        IOException or SocketException when SocketErrorOf(e) == SocketError.AddressNotAvailable =>
            $"cannot listen on {options.BindAddress}: the address does not belong to this machine; pass --bind-address 0.0.0.0 or 127.0.0.1",
        UnauthorizedAccessException u => u.Message + ": check the permissions of --cert-dir and --write-kubeconfig paths",
        _ => null,
    };

    /// <summary>
    /// The error of the socket exception behind <paramref name="e"/>, however deep: Kestrel wraps it
    /// (an IOException around an AddressInUseException around the SocketException).
    /// </summary>
    private static SocketError? SocketErrorOf(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }
}
