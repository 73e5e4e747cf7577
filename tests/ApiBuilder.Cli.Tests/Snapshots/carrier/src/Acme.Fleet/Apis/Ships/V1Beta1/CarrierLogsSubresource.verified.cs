namespace Acme.Fleet.Apis.Ships.V1Beta1;

/// <summary>
/// The <c>logs</c> subresource of Carrier:
/// <c>/apis/ships.example.com/v1beta1/namespaces/{namespace}/carriers/{name}/logs</c>.
/// </summary>
/// <remarks>
/// NOT SERVED YET. ApiBuilder's runtime serves the <c>status</c> and <c>scale</c> subresources
/// only; a request for <c>carriers/logs</c> is answered 404 NotFound, and this class
/// is not called by the server. It is a skeleton to keep the subresource's logic in one place
/// (callable from your own code and tests today) until custom subresources are routed.
/// </remarks>
public sealed class CarrierLogsSubresource
{
    /// <summary>Computes the <c>logs</c> view of a Carrier (what a GET would return).</summary>
    /// <param name="obj">The Carrier as stored.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <returns>The subresource's content.</returns>
    public Task<CarrierLogs> GetAsync(Carrier obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return Task.FromResult(new CarrierLogs { Name = obj.Metadata.Name });
    }
}

/// <summary>What the <c>logs</c> subresource of a Carrier returns.</summary>
public sealed class CarrierLogs
{
    /// <summary>Name of the Carrier.</summary>
    public string? Name { get; set; }
}
