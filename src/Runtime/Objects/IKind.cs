using System.Text.Json;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Objects;

/// <summary>
/// Implemented by the source generator on every Kind: the Kind's <see cref="ResourceDefinition"/>
/// and reflection-free JSON reading and writing. Generic runtime code (<see cref="KindJson"/>,
/// <see cref="KindAdmission{TKind}"/>, <see cref="Client.ResourceClient{TKind}"/>) works through it.
/// </summary>
/// <typeparam name="TSelf">The Kind class itself.</typeparam>
public interface IKind<TSelf>
    where TSelf : KubernetesObject, IKind<TSelf>
{
    /// <summary>How the server serves this Kind in this version, with its OpenAPI schema.</summary>
    static abstract ResourceDefinition Definition { get; }

    /// <summary>Reads one object; the reader is positioned on its <c>StartObject</c> token and is left on the matching <c>EndObject</c>.</summary>
    static abstract TSelf ReadJson(ref Utf8JsonReader reader);

    /// <summary>Writes one object, including <c>apiVersion</c>, <c>kind</c> and <c>metadata</c>.</summary>
    static abstract void WriteJson(Utf8JsonWriter writer, TSelf value);
}
