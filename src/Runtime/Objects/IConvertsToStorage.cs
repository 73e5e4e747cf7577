namespace ApiBuilder.Runtime.Objects;

/// <summary>
/// Conversion of one version of a Kind to and from the Kind's storage version (the class marked
/// <see cref="Resources.StorageVersionAttribute"/>), which is the hub every other version
/// converts through, as in Kubebuilder's hub-and-spoke conversion. Implement it on each version
/// whose shape differs from the storage version's; the generated registration then converts
/// objects between any two versions (version A → storage → version B) whenever the server reads,
/// writes or watches them in a version other than the stored one.
/// </summary>
/// <remarks>
/// Convert <c>spec</c> and <c>status</c> only. Metadata is carried over unchanged by ApiBuilder,
/// exactly as it was (name, uid, resourceVersion, generation, labels, annotations, finalizers,
/// owner references, managed fields, ...): the objects passed in carry it so that you can read
/// it, but whatever metadata the returned object has is ignored. Conversion must not lose data
/// in a round trip (A → storage → A) wherever the versions can express it, and must not fail
/// for any object the other side accepts; an exception is answered as 500 Internal Error.
/// </remarks>
/// <example>
/// <code>
/// [Kind("shop.example.com", "v2")]
/// public partial class Order : IConvertsToStorage&lt;Order, V1.Order&gt;
/// {
///     public OrderSpec Spec { get; set; } = new();
///
///     public V1.Order ToStorage() =&gt; new() { Spec = new() { Size = Spec.Capacity } };
///
///     public static Order FromStorage(V1.Order storage) =&gt; new() { Spec = new() { Capacity = storage.Spec.Size } };
/// }
/// </code>
/// </example>
/// <typeparam name="TSelf">The version class implementing the interface.</typeparam>
/// <typeparam name="TStorage">The storage version class of the same group and Kind.</typeparam>
public interface IConvertsToStorage<TSelf, TStorage>
    where TSelf : KubernetesObject, IConvertsToStorage<TSelf, TStorage>
    where TStorage : KubernetesObject
{
    /// <summary>
    /// This object in the storage version: a new <typeparamref name="TStorage"/> with the
    /// <c>spec</c> and <c>status</c> converted from this object's. Leave its metadata alone; it
    /// is replaced by this object's.
    /// </summary>
    /// <returns>A new object of the storage version.</returns>
    TStorage ToStorage();

    /// <summary>
    /// An object of the storage version in this version: a new <typeparamref name="TSelf"/> with
    /// the <c>spec</c> and <c>status</c> converted from <paramref name="storage"/>'s. Leave its
    /// metadata alone; it is replaced by <paramref name="storage"/>'s.
    /// </summary>
    /// <param name="storage">The object in the storage version; read it, do not change it.</param>
    /// <returns>A new object of this version.</returns>
    static abstract TSelf FromStorage(TStorage storage);
}
