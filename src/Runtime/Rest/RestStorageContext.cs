using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Rest;

/// <summary>What the server hands a REST storage factory when it builds a resource's storage.</summary>
/// <param name="Definition">The resource.</param>
/// <param name="StorageVersion">The version of the same Kind objects are kept in.</param>
/// <param name="Objects">Read access to every served resource.</param>
/// <param name="Admission">The admission chain writes go through.</param>
/// <param name="Time">The server's clock.</param>
internal sealed record RestStorageContext(
    ResourceDefinition Definition, ResourceDefinition StorageVersion, IObjectReader Objects, AdmissionChain Admission, TimeProvider Time);

/// <summary>Builds the REST storage of one resource once the server's parts exist.</summary>
internal delegate IRestStorage RestStorageFactory(RestStorageContext context);
