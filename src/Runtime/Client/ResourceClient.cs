using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Client;

/// <summary>
/// A typed REST client for one Kind over <see cref="HttpClient"/> (whose
/// <see cref="HttpClient.BaseAddress"/> is the server, and whose handler carries the
/// credentials). Paths are Kubernetes' (<c>/apis/&lt;group&gt;/&lt;version&gt;/namespaces/&lt;ns&gt;/&lt;plural&gt;</c>);
/// error responses are thrown as <see cref="StatusException"/> carrying the server's Status.
/// The source generator emits a <c>&lt;Kind&gt;Client</c> per Kind deriving from this class.
/// </summary>
/// <typeparam name="TKind">The Kind.</typeparam>
public class ResourceClient<TKind>
    where TKind : KubernetesObject, IKind<TKind>
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private readonly HttpClient http;

    /// <summary>Creates a client.</summary>
    /// <param name="http">Client whose base address is the API server.</param>
    /// <param name="namespace">
    /// Namespace for a namespaced Kind; null lists and watches across all namespaces and takes
    /// the namespace of single objects from their metadata. Must be null for cluster-scoped Kinds.
    /// </param>
    public ResourceClient(HttpClient http, string? @namespace = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (@namespace is not null && !TKind.Definition.Namespaced)
        {
            throw new ArgumentException($"{TKind.Definition.Kind} is cluster-scoped and has no namespace.", nameof(@namespace));
        }

        this.http = http;
        Namespace = @namespace;
    }

    /// <summary>The namespace this client works in, or null.</summary>
    public string? Namespace { get; }

    /// <summary>The HTTP client requests go through.</summary>
    public HttpClient Http => http;

    /// <summary>The resource served.</summary>
    public static ResourceDefinition Definition => TKind.Definition;

    /// <summary>Reads one object.</summary>
    public async Task<TKind> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ResourcePaths.Object(TKind.Definition, Namespace, name, null));
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists objects (in <see cref="Namespace"/>, or in all namespaces when it is null).</summary>
    public async Task<KindList<TKind>> ListAsync(ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ResourcePaths.Collection(TKind.Definition, Namespace) + ResourcePaths.Query(options, watch: false));
        var body = await SendForBytesAsync(request, cancellationToken).ConfigureAwait(false);
        return ClientJson.ReadList<TKind>(body);
    }

    /// <summary>
    /// Watches objects from <see cref="ListOptions.ResourceVersion"/> (or from now) until the server
    /// ends the stream or <paramref name="cancellationToken"/> fires. An ERROR event is thrown as a
    /// <see cref="StatusException"/> (410 Expired when the resource version is too old).
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<TKind>> WatchAsync(ListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ResourcePaths.Collection(TKind.Definition, Namespace) + ResourcePaths.Query(options, watch: true));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var lines = new StreamReader(stream, Encoding.UTF8);
            while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length > 0)
                {
                    yield return ClientJson.ReadWatchEvent<TKind>(Encoding.UTF8.GetBytes(line));
                }
            }
        }
    }

    /// <summary>Creates an object; returns it as stored (with uid, resourceVersion, ...).</summary>
    public async Task<TKind> CreateAsync(TKind obj, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        using var request = new HttpRequestMessage(HttpMethod.Post, ResourcePaths.Collection(TKind.Definition, NamespaceOf(obj)))
        {
            Content = JsonContent(obj),
        };
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces an object (PUT); its metadata must carry the current resourceVersion.</summary>
    public Task<TKind> UpdateAsync(TKind obj, CancellationToken cancellationToken = default) => PutAsync(obj, null, cancellationToken);

    /// <summary>Replaces the status of an object through the <c>status</c> subresource.</summary>
    public Task<TKind> UpdateStatusAsync(TKind obj, CancellationToken cancellationToken = default) => PutAsync(obj, "status", cancellationToken);

    /// <summary>Patches an object with a JSON merge patch or JSON patch document.</summary>
    public async Task<TKind> PatchAsync(string name, PatchType type, string patch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        using var request = new HttpRequestMessage(HttpMethod.Patch, ResourcePaths.Object(TKind.Definition, Namespace, name, null))
        {
            Content = new StringContent(patch, Encoding.UTF8, type == PatchType.Json ? OpenApi.MediaTypes.JsonPatch : OpenApi.MediaTypes.MergePatch),
        };
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an object (with finalizers, it is only marked for deletion).</summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, ResourcePaths.Object(TKind.Definition, Namespace, name, null));
        await SendForBytesAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TKind> PutAsync(TKind obj, string? subresource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var name = obj.Metadata.Name ?? throw new ArgumentException("metadata.name is required to update an object.", nameof(obj));
        using var request = new HttpRequestMessage(HttpMethod.Put, ResourcePaths.Object(TKind.Definition, NamespaceOf(obj), name, subresource))
        {
            Content = JsonContent(obj),
        };
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private string? NamespaceOf(TKind obj) => TKind.Definition.Namespaced ? Namespace ?? obj.Metadata.Namespace : null;

    private static ByteArrayContent JsonContent(TKind obj)
    {
        var content = new ByteArrayContent(KindJson.SerializeToUtf8Bytes(obj));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    private async Task<TKind> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        KindJson.Deserialize<TKind>(await SendForBytesAsync(request, cancellationToken).ConfigureAwait(false));

    private async Task<byte[]> SendForBytesAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        throw new StatusException(ClientJson.ReadStatus(body, (int)response.StatusCode, response.ReasonPhrase));
    }
}
