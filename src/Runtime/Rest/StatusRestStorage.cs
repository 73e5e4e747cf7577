using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Rest;

/// <summary>
/// The <c>status</c> subresource as a REST storage of its own (k8s.io/apiserver's <c>StatusREST</c>): get reads
/// the whole object; update and patch change only <c>status</c>, the rest of the object as stored.
/// </summary>
internal sealed class StatusRestStorage(IRestUpdater parent) : IRestUpdater
{
    public ResourceDefinition Definition => parent.Definition;

    public JsonObject Present(JsonObject stored) => parent.Present(stored);

    public ValueTask<StoredObject> GetAsync(string ns, string name, CancellationToken cancellationToken) =>
        parent.GetAsync(ns, name, cancellationToken);

    public ValueTask<JsonObject> UpdateAsync(string ns, string name, UpdateRequest update, WriteContext context, CancellationToken cancellationToken) =>
        parent.UpdateAsync(ns, name, update with { Subresource = "status" }, context, cancellationToken);
}
