using ApiBuilder.Runtime.Objects;

namespace ApiBuilder.Runtime.Admission;

/// <summary>
/// A cached, indexed read of one Kind's objects, as client-go's listers read an informer's store: objects are
/// decoded once and kept up to date from the storage's watch, so a look-up costs what it returns, not a list of
/// the whole Kind. Reads are as fresh as a list from the watch cache (resourceVersion 0): every write the cache
/// had applied when the read began is seen. Get one with <see cref="IObjectReader.Lister{TKind}"/>.
/// </summary>
/// <remarks>
/// The objects returned are shared by every reader and must not be changed; copy one (for example through
/// <c>KindJson</c>) before changing it. One lister exists per Kind and server, and its indexes are shared too.
/// </remarks>
/// <typeparam name="TKind">The Kind, a <c>[Kind]</c> class served by this server.</typeparam>
public interface IObjectLister<TKind>
    where TKind : KubernetesObject, IKind<TKind>
{
    /// <summary>The objects in one namespace, or in every namespace when <paramref name="namespace"/> is null.</summary>
    /// <param name="namespace">The namespace; null for all (and for cluster-scoped Kinds).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The objects, in no particular order.</returns>
    ValueTask<IReadOnlyList<TKind>> ListAsync(string? @namespace = null, CancellationToken cancellationToken = default);

    /// <summary>One object, or null when there is none of that name.</summary>
    /// <param name="namespace">Its namespace; null for cluster-scoped Kinds.</param>
    /// <param name="name">Its name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The object, or null.</returns>
    ValueTask<TKind?> GetAsync(string? @namespace, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds an index (client-go's <c>Indexers</c>): <paramref name="values"/> gives the values an object is found under,
    /// for <see cref="ByIndexAsync"/>. Adding a name that already exists keeps the first function, so a plugin may
    /// call this on every request.
    /// </summary>
    /// <param name="name">The index's name.</param>
    /// <param name="values">The values an object is indexed under; none leaves it out of the index.</param>
    void AddIndex(string name, Func<TKind, IEnumerable<string>> values);

    /// <summary>The objects found under <paramref name="value"/> in the index <paramref name="index"/>.</summary>
    /// <param name="index">An index added with <see cref="AddIndex"/>.</param>
    /// <param name="value">The value looked up.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The objects, in no particular order.</returns>
    /// <exception cref="ArgumentException">No index has that name.</exception>
    ValueTask<IReadOnlyList<TKind>> ByIndexAsync(string index, string value, CancellationToken cancellationToken = default);
}
