using System.Globalization;
using System.Text;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>
/// Writes a kubeconfig (<c>--write-kubeconfig</c>). The shape is fixed, so the YAML is written by
/// hand; every string is double-quoted so no name can change the document's structure.
/// </summary>
internal static class KubeconfigWriter
{
    /// <summary>Writes <paramref name="spec"/> to <paramref name="path"/> (mode 0600, parent directories created).</summary>
    public static void Write(string path, KubeconfigSpec spec) => SecureFile.WritePrivate(path, Render(spec));

    /// <summary>The kubeconfig YAML, with certificates and key embedded as base64 <c>*-data</c> fields.</summary>
    public static string Render(KubeconfigSpec spec)
    {
        var cluster = Quote(spec.ClusterName);
        var user = Quote(spec.UserName);
        var context = Quote(spec.ContextName);
        return $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {{cluster}}
              cluster:
                server: {{Quote(spec.ServerUrl)}}
                certificate-authority-data: {{Base64(spec.CertificateAuthorityPem)}}
            users:
            - name: {{user}}
              user:
                client-certificate-data: {{Base64(spec.ClientCertificatePem)}}
                client-key-data: {{Base64(spec.ClientKeyPem)}}
            contexts:
            - name: {{context}}
              context:
                cluster: {{cluster}}
                user: {{user}}
            current-context: {{context}}
            preferences: {}

            """.ReplaceLineEndings("\n");
    }

    private static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));

    /// <summary>A YAML double-quoted scalar: escapes quotes, backslashes and control characters.</summary>
    private static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                case '\r': builder.Append("\\r"); break;
                case < ' ' or '\u007f' or '\u0085' or '\u2028' or '\u2029':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }
}
