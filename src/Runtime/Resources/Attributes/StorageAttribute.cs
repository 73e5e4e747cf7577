namespace ApiBuilder.Runtime.Resources;

/// <summary>
/// Serves the <c>[Kind]</c> class it marks from your own storage instead of the server's: the
/// source-generated <c>AddGeneratedResources()</c> creates one instance of <see cref="StorageType"/> and
/// registers it. A <see cref="Rest.IReadOnlyStorage{TKind}"/> of this Kind serves computed or external
/// objects, read-only (<see cref="Server.ApiServerBuilder.AddResource{TKind}(Rest.IReadOnlyStorage{TKind})"/>);
/// a <see cref="Storage.IStorage"/> keeps every version of the Kind in your own database
/// (<see cref="Server.ApiServerBuilder.AddResource(ResourceDefinition, Storage.IStorage)"/>).
/// </summary>
/// <remarks>
/// <see cref="StorageType"/> is a non-generic, non-abstract class with a public parameterless constructor
/// that the generated code can name, and it implements exactly one of the two interfaces; the analyzer
/// reports it otherwise (APIB016). To pass a storage that needs arguments, call the
/// <c>AddResource</c> overloads yourself instead.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class StorageAttribute : Attribute
{
    /// <summary>Serves the Kind from an instance of <paramref name="storageType"/>.</summary>
    /// <param name="storageType">
    /// A class with a public parameterless constructor that implements <c>IReadOnlyStorage&lt;ThisKind&gt;</c>
    /// or <c>IStorage</c>.
    /// </param>
    public StorageAttribute(Type storageType) => StorageType = storageType;

    /// <summary>The class the Kind's objects come from.</summary>
    public Type StorageType { get; }
}
