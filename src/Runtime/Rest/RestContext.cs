using ApiBuilder.Runtime.Admission;

namespace ApiBuilder.Runtime.Rest;

/// <summary>What a request to your storage is about.</summary>
/// <param name="Namespace">The namespace of the request; empty for cluster-scoped Kinds and for lists across all namespaces.</param>
/// <param name="Objects">Read access to the objects this server stores, e.g. to compute from them.</param>
public sealed record RestContext(string Namespace, IObjectReader Objects);
