using ApiBuilder.Runtime.Objects;
using Storage = Acme.Fleet.Apis.Ships.V1Beta1;

namespace Acme.Fleet.Apis.Ships.V1;

/// <summary>
/// How a Carrier of v1 becomes one of the storage version v1beta1 and back: objects
/// are stored in v1beta1 and converted whenever a client reads or writes them in v1.
/// </summary>
/// <remarks>
/// This file is yours: apiserver-boot updates it only while you have not edited it. It copies the fields
/// both versions had when it was written; when you change the fields of either version, change
/// the conversion too, so that nothing is lost on the way to storage and back.
/// </remarks>
public partial class Carrier : IConvertsToStorage<Carrier, Storage.Carrier>
{
    /// <inheritdoc/>
    public Storage.Carrier ToStorage() => new()
    {
        Spec = new()
        {
            Description = Spec.Description,
        },
        Status = Status is null ? null : new()
        {
            Phase = Status.Phase,
            ObservedGeneration = Status.ObservedGeneration,
        },
    };

    /// <inheritdoc/>
    public static Carrier FromStorage(Storage.Carrier storage) => new()
    {
        Spec = new()
        {
            Description = storage.Spec.Description,
        },
        Status = storage.Status is null ? null : new()
        {
            Phase = storage.Status.Phase,
            ObservedGeneration = storage.Status.ObservedGeneration,
        },
    };

    // spec.replicas and status.replicas (the scale subresource) are only in v1beta1.
    // An update through v1 stores them empty: keep them (for example in an annotation) if that matters.
}
