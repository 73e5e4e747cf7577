namespace ApiBuilder.Runtime.Controllers.Leases;

/// <summary>Who holds a lease and until when, as a coordination.k8s.io Lease's spec says it.</summary>
/// <param name="HolderIdentity">The holder; empty when released.</param>
/// <param name="AcquireTime">When the holder took it.</param>
/// <param name="RenewTime">When the holder last renewed it.</param>
/// <param name="LeaseDurationSeconds">How long after the last renewal others must wait before taking it.</param>
/// <param name="LeaseTransitions">How often it changed hands.</param>
public sealed record LeaseRecord(string HolderIdentity, DateTimeOffset AcquireTime, DateTimeOffset RenewTime, int LeaseDurationSeconds, int LeaseTransitions)
{
    /// <summary>Whether someone other than <paramref name="identity"/> holds it at <paramref name="now"/>.</summary>
    /// <param name="identity">Who asks.</param>
    /// <param name="now">The time.</param>
    /// <returns>True when another live holder has it.</returns>
    public bool HeldByAnotherAt(string identity, DateTimeOffset now) =>
        HolderIdentity.Length > 0 && HolderIdentity != identity && now < RenewTime + TimeSpan.FromSeconds(LeaseDurationSeconds);
}

/// <summary>Where a lease is kept: read it with a version, write it only if still at that version.</summary>
public interface ILeaseLock
{
    /// <summary>What the lock is, for logs (e.g. <c>Lease kube-system/wardle-controllers</c>).</summary>
    string Description { get; }

    /// <summary>The lease and an opaque version for <see cref="TryWriteAsync"/>; a null record when there is none.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record and its version.</returns>
    Task<(LeaseRecord? Record, string? Version)> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="record"/> if the lease is still at <paramref name="version"/> (null: if there is none); false when someone wrote first.</summary>
    /// <param name="record">The new record.</param>
    /// <param name="version">The version read.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Whether it was written.</returns>
    Task<bool> TryWriteAsync(LeaseRecord record, string? version, CancellationToken cancellationToken);
}
