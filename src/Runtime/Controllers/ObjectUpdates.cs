using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Client;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Objects;

namespace ApiBuilder.Runtime.Controllers;

/// <summary>
/// The writes reconcilers make most, done safely: status updates that retry on conflicts with the newest state,
/// and finalizers added or removed with a JSON patch guarded by the object's resourceVersion.
/// </summary>
public static class ObjectUpdates
{
    private const int Attempts = 5;

    /// <summary>
    /// Applies <paramref name="change"/> to the object's status and writes it through the status subresource; on a
    /// 409 Conflict reads the newest state and applies the change again, up to five times.
    /// </summary>
    /// <typeparam name="TKind">The Kind.</typeparam>
    /// <param name="client">The Kind's client, in the object's namespace.</param>
    /// <param name="obj">The object as the reconciler saw it.</param>
    /// <param name="change">Changes the status of the object it is given.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>The object as stored.</returns>
    public static async Task<TKind> UpdateStatusAsync<TKind>(ResourceClient<TKind> client, TKind obj, Action<TKind> change, CancellationToken cancellationToken)
        where TKind : KubernetesObject, IKind<TKind>
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            change(obj);
            try
            {
                return await client.UpdateStatusAsync(obj, cancellationToken).ConfigureAwait(false);
            }
            catch (StatusException e) when (e.Code == 409 && attempt < Attempts)
            {
                obj = await client.GetAsync(obj.Metadata.Name!, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Adds <paramref name="finalizer"/> unless present, so that deleting the object waits for the reconciler.</summary>
    /// <typeparam name="TKind">The Kind.</typeparam>
    /// <param name="client">The Kind's client, in the object's namespace.</param>
    /// <param name="obj">The object.</param>
    /// <param name="finalizer">A qualified name such as <c>example.com/cleanup</c>.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>The object as stored.</returns>
    public static Task<TKind> AddFinalizerAsync<TKind>(ResourceClient<TKind> client, TKind obj, string finalizer, CancellationToken cancellationToken)
        where TKind : KubernetesObject, IKind<TKind> =>
        obj.Metadata.Finalizers.Contains(finalizer) ? Task.FromResult(obj)
        : SetFinalizersAsync(client, obj, [.. obj.Metadata.Finalizers, finalizer], cancellationToken);

    /// <summary>Removes <paramref name="finalizer"/> once the reconciler has done its cleanup; the deletion then completes.</summary>
    /// <typeparam name="TKind">The Kind.</typeparam>
    /// <param name="client">The Kind's client, in the object's namespace.</param>
    /// <param name="obj">The object.</param>
    /// <param name="finalizer">The finalizer to remove.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>The object as stored (or as last seen, when removing the finalizer deleted it).</returns>
    public static Task<TKind> RemoveFinalizerAsync<TKind>(ResourceClient<TKind> client, TKind obj, string finalizer, CancellationToken cancellationToken)
        where TKind : KubernetesObject, IKind<TKind> =>
        !obj.Metadata.Finalizers.Contains(finalizer) ? Task.FromResult(obj)
        : SetFinalizersAsync(client, obj, [.. obj.Metadata.Finalizers.Where(f => f != finalizer)], cancellationToken);

    private static async Task<TKind> SetFinalizersAsync<TKind>(ResourceClient<TKind> client, TKind obj, List<string> finalizers, CancellationToken cancellationToken)
        where TKind : KubernetesObject, IKind<TKind>
    {
        ArgumentNullException.ThrowIfNull(client);
        // The resourceVersion test makes the patch fail (409/422) rather than drop another writer's finalizer.
        var patch = new JsonArray(
            new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = obj.Metadata.ResourceVersion },
            new JsonObject { ["op"] = "add", ["path"] = "/metadata/finalizers", ["value"] = new JsonArray([.. finalizers.Select(f => (JsonNode)f)]) });
        try
        {
            return await client.PatchAsync(obj.Metadata.Name!, PatchType.Json, patch.ToJsonString(), cancellationToken).ConfigureAwait(false);
        }
        catch (StatusException e) when (e.Code == 404 && finalizers.Count < obj.Metadata.Finalizers.Count)
        {
            return obj;
        }
    }
}
