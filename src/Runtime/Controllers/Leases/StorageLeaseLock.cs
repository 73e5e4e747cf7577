using System.Globalization;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Controllers.Leases;

/// <summary>
/// A lease kept in the server's own storage, for servers that run without a cluster: replicas that share the
/// storage (etcd, or one SQLite file) see one lease, written with compare-and-swap on its revision.
/// </summary>
internal sealed class StorageLeaseLock(IStorage storage, string name) : ILeaseLock
{
    private readonly string key = "/registry/coordination.apibuilder.io/leases/" + name;

    public string Description => "lease " + name + " in the server's storage";

    public async Task<(LeaseRecord? Record, string? Version)> ReadAsync(CancellationToken cancellationToken)
    {
        var stored = await storage.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored?.Value["spec"] is not JsonObject spec)
        {
            return (null, null);
        }

        return (new LeaseRecord(
            (string?)spec["holderIdentity"] ?? "",
            DateTimeOffset.Parse((string?)spec["acquireTime"] ?? "0001-01-01T00:00:00Z", CultureInfo.InvariantCulture),
            DateTimeOffset.Parse((string?)spec["renewTime"] ?? "0001-01-01T00:00:00Z", CultureInfo.InvariantCulture),
            (int?)spec["leaseDurationSeconds"] ?? 15,
            (int?)spec["leaseTransitions"] ?? 0), stored.Revision.ToString(CultureInfo.InvariantCulture));
    }

    public async Task<bool> TryWriteAsync(LeaseRecord record, string? version, CancellationToken cancellationToken)
    {
        var value = new JsonObject
        {
            ["apiVersion"] = "coordination.k8s.io/v1",
            ["kind"] = "Lease",
            ["metadata"] = new JsonObject { ["name"] = key[(key.LastIndexOf('/') + 1)..] },
            ["spec"] = new JsonObject
            {
                ["holderIdentity"] = record.HolderIdentity,
                ["acquireTime"] = record.AcquireTime.ToString("O", CultureInfo.InvariantCulture),
                ["renewTime"] = record.RenewTime.ToString("O", CultureInfo.InvariantCulture),
                ["leaseDurationSeconds"] = record.LeaseDurationSeconds,
                ["leaseTransitions"] = record.LeaseTransitions,
            },
        };
        try
        {
            if (version is null)
            {
                await storage.CreateAsync(key, value, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await storage.UpdateAsync(key, value, long.Parse(version, CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (StorageException e) when (e.Code is StorageErrorCode.KeyExists or StorageErrorCode.Conflict or StorageErrorCode.KeyNotFound)
        {
            return false;
        }
    }
}
