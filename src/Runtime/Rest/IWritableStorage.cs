using ApiBuilder.Runtime.Objects;

namespace ApiBuilder.Runtime.Rest;

// Writes to a Kind kept by your code, one optional interface per verb as in k8s.io/apiserver's registry/rest.
// Implement the ones your storage supports on the class that implements IReadOnlyStorage<TKind>: the server
// serves and advertises exactly those verbs, and answers 405 for the others. Before your method is called,
// the server has done what it does for stored Kinds: decoding with fieldValidation, server-owned metadata
// (uid, creationTimestamp, generation, generateName), the spec/status split, defaulting, admission and
// validation against the schema. Throw an ApiErrors Status (e.g. ApiErrors.AlreadyExists) to refuse.

/// <summary><c>create</c> for a Kind kept by your code (<c>rest.Creater</c>).</summary>
/// <typeparam name="TKind">The Kind.</typeparam>
public interface ICreatableStorage<TKind> : IReadOnlyStorage<TKind>
    where TKind : KubernetesObject, IKind<TKind>
{
    /// <summary>Keeps a new object, prepared and validated by the server; returns it as kept.</summary>
    /// <param name="context">The namespace and read access to the server's objects.</param>
    /// <param name="obj">The new object.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    ValueTask<TKind> CreateAsync(RestContext context, TKind obj, CancellationToken cancellationToken);
}

/// <summary>
/// <c>update</c> and <c>patch</c> for a Kind kept by your code (<c>rest.Updater</c>): the server reads the object with
/// <see cref="IReadOnlyStorage{TKind}.GetAsync"/>, applies the PUT body or the patch, and hands over the result.
/// When your objects carry <c>metadata.resourceVersion</c>, a client's stale resourceVersion is a 409 Conflict.
/// </summary>
/// <typeparam name="TKind">The Kind.</typeparam>
public interface IUpdatableStorage<TKind> : IReadOnlyStorage<TKind>
    where TKind : KubernetesObject, IKind<TKind>
{
    /// <summary>Keeps the new state of an existing object; returns it as kept.</summary>
    /// <param name="context">The namespace and read access to the server's objects.</param>
    /// <param name="obj">The object's new state.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    ValueTask<TKind> UpdateAsync(RestContext context, TKind obj, CancellationToken cancellationToken);
}

/// <summary><c>delete</c> and <c>deletecollection</c> for a Kind kept by your code (<c>rest.GracefulDeleter</c>, without finalizers).</summary>
/// <typeparam name="TKind">The Kind.</typeparam>
public interface IDeletableStorage<TKind> : IReadOnlyStorage<TKind>
    where TKind : KubernetesObject, IKind<TKind>
{
    /// <summary>Removes an object the server has just read; 404 is answered before when there is none.</summary>
    /// <param name="context">The namespace and read access to the server's objects.</param>
    /// <param name="name">The object's name.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    ValueTask DeleteAsync(RestContext context, string name, CancellationToken cancellationToken);
}
