namespace ApiBuilder.Runtime.Certificates;

/// <summary>
/// A certificate or key file that cannot be used. The message names the file and the fix, because
/// the server cannot start without it and the operator must act.
/// </summary>
internal sealed class CertificateException(string message, Exception? innerException = null)
    : Exception(message, innerException);
