using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ApiBuilder.Runtime.Controllers.Leases;

/// <summary>A coordination.k8s.io/v1 Lease in the cluster, as client-go's leader election keeps one; writes are compare-and-swap on its resourceVersion.</summary>
internal sealed class KubernetesLeaseLock(IKubernetes cluster, string ns, string name) : ILeaseLock
{
    public string Description => $"Lease {ns}/{name}";

    public async Task<(LeaseRecord? Record, string? Version)> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var lease = await cluster.CoordinationV1.ReadNamespacedLeaseAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            var spec = lease.Spec;
            return (new LeaseRecord(
                spec?.HolderIdentity ?? "",
                spec?.AcquireTime ?? DateTime.MinValue,
                spec?.RenewTime ?? DateTime.MinValue,
                spec?.LeaseDurationSeconds ?? 15,
                spec?.LeaseTransitions ?? 0), lease.Metadata.ResourceVersion);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return (null, null);
        }
    }

    public async Task<bool> TryWriteAsync(LeaseRecord record, string? version, CancellationToken cancellationToken)
    {
        var lease = new V1Lease
        {
            ApiVersion = "coordination.k8s.io/v1",
            Kind = "Lease",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, ResourceVersion = version },
            Spec = new V1LeaseSpec
            {
                HolderIdentity = record.HolderIdentity,
                AcquireTime = record.AcquireTime.UtcDateTime,
                RenewTime = record.RenewTime.UtcDateTime,
                LeaseDurationSeconds = record.LeaseDurationSeconds,
                LeaseTransitions = record.LeaseTransitions,
            },
        };
        try
        {
            if (version is null)
            {
                await cluster.CoordinationV1.CreateNamespacedLeaseAsync(lease, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await cluster.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is System.Net.HttpStatusCode.Conflict)
        {
            return false;
        }
    }
}
