using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ApiBuilder.Runtime.Certificates;

namespace ApiBuilder.Runtime.Authentication;

/// <summary>Builds <see cref="RequestHeaderOptions"/> from the generic apiserver's flags or its ConfigMap.</summary>
internal static class RequestHeaderOptionsFactory
{
    /// <summary>The ConfigMap kube-apiserver publishes for extension servers, in namespace <c>kube-system</c>.</summary>
    public const string ConfigMapName = "extension-apiserver-authentication";

    /// <summary>
    /// From <c>--requestheader-client-ca-file</c> and its sibling flags. Returns null when no CA file is
    /// given (request-header authentication off). A null list takes the generic apiserver's default;
    /// an empty <paramref name="allowedNames"/> accepts any CN the CA signed.
    /// </summary>
    public static RequestHeaderOptions? FromFlags(
        string? clientCaFile,
        IReadOnlyList<string>? allowedNames = null,
        IReadOnlyList<string>? usernameHeaders = null,
        IReadOnlyList<string>? uidHeaders = null,
        IReadOnlyList<string>? groupHeaders = null,
        IReadOnlyList<string>? extraHeaderPrefixes = null)
    {
        if (string.IsNullOrEmpty(clientCaFile))
        {
            return null;
        }

        var cas = PemFiles.LoadCertificates(
            clientCaFile, "Pass the PEM CA that signs the front proxy's client certificate to --requestheader-client-ca-file.");
        return Build(cas, allowedNames, usernameHeaders, uidHeaders, groupHeaders, extraHeaderPrefixes);
    }

    /// <summary>
    /// From the data of the <c>extension-apiserver-authentication</c> ConfigMap, whose list keys hold
    /// JSON string arrays. Returns null when it has no <c>requestheader-client-ca-file</c>.
    /// </summary>
    public static RequestHeaderOptions? FromConfigMap(IReadOnlyDictionary<string, string> data)
    {
        if (!data.TryGetValue("requestheader-client-ca-file", out var caPem) || string.IsNullOrWhiteSpace(caPem))
        {
            return null;
        }

        var cas = PemFiles.ParseCertificates(
            caPem, $"requestheader-client-ca-file of ConfigMap kube-system/{ConfigMapName}", "Check the kube-apiserver's --requestheader-client-ca-file.");
        return Build(
            cas,
            StringArray(data, "requestheader-allowed-names"),
            NonEmpty(StringArray(data, "requestheader-username-headers")),
            StringArray(data, "requestheader-uid-headers"),
            NonEmpty(StringArray(data, "requestheader-group-headers")),
            NonEmpty(StringArray(data, "requestheader-extra-headers-prefix")));
    }

    private static RequestHeaderOptions Build(
        X509Certificate2Collection cas,
        IReadOnlyList<string>? allowedNames,
        IReadOnlyList<string>? usernameHeaders,
        IReadOnlyList<string>? uidHeaders,
        IReadOnlyList<string>? groupHeaders,
        IReadOnlyList<string>? extraHeaderPrefixes)
    {
        var defaults = new RequestHeaderOptions { ClientCertificateAuthorities = cas };
        var options = defaults with
        {
            AllowedNames = allowedNames ?? defaults.AllowedNames,
            UsernameHeaders = usernameHeaders ?? defaults.UsernameHeaders,
            UidHeaders = uidHeaders ?? defaults.UidHeaders,
            GroupHeaders = groupHeaders ?? defaults.GroupHeaders,
            ExtraHeaderPrefixes = extraHeaderPrefixes ?? defaults.ExtraHeaderPrefixes,
        };
        options.Validate();
        return options;
    }

    private static IReadOnlyList<string>? StringArray(IReadOnlyDictionary<string, string> data, string key)
    {
        if (!data.TryGetValue(key, out var json) || string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, RequestHeaderJsonContext.Default.StringArray) ?? [];
        }
        catch (JsonException e)
        {
            throw new ArgumentException(
                $"Key '{key}' of ConfigMap kube-system/{ConfigMapName} is not a JSON array of strings: {e.Message}", e);
        }
    }

    /// <summary>An empty list in the ConfigMap means "not configured": the default applies.</summary>
    private static IReadOnlyList<string>? NonEmpty(IReadOnlyList<string>? values) => values is { Count: > 0 } ? values : null;
}
