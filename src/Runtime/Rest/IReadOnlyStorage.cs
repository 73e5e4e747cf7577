using ApiBuilder.Runtime.Objects;

namespace ApiBuilder.Runtime.Rest;

/// <summary>
/// Objects of a Kind that your code provides instead of the server's storage: computed on each request
/// (metrics-server's PodMetrics), read from another system, or kept in your own store. Register it with
/// <see cref="Server.ApiServerBuilder.AddResource{TKind}(IReadOnlyStorage{TKind})"/>. The server serves
/// <c>get</c> and <c>list</c> with everything clients expect (label and field selectors, <c>limit</c> and
/// <c>continue</c>, Table and YAML output, Status errors); every write answers 405 and discovery
/// advertises only <c>get</c> and <c>list</c>.
/// </summary>
/// <typeparam name="TKind">The Kind, a <c>[Kind]</c> class.</typeparam>
public interface IReadOnlyStorage<TKind>
    where TKind : KubernetesObject, IKind<TKind>
{
    /// <summary>One object, or null when there is none of that name (answered 404 NotFound).</summary>
    /// <param name="context">The namespace asked for (empty for cluster-scoped Kinds) and read access to the server's objects.</param>
    /// <param name="name">The object's name.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    ValueTask<TKind?> GetAsync(RestContext context, string name, CancellationToken cancellationToken);

    /// <summary>
    /// The objects in <see cref="RestContext.Namespace"/>, or in every namespace when it is empty. The server
    /// filters by selectors, sorts by namespace and name, and pages; yield everything there is.
    /// </summary>
    /// <param name="context">The namespace asked for and read access to the server's objects.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    IAsyncEnumerable<TKind> ListAsync(RestContext context, CancellationToken cancellationToken);
}
