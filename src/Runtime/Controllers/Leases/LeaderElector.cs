using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiBuilder.Runtime.Controllers.Leases;

/// <summary>Timings of leader election, client-go's defaults.</summary>
public sealed record LeaderElectionOptions
{
    /// <summary>How long others wait after the last renewal before taking the lease. Default 15 s.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it stops leading. Default 10 s.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates try to take the lease, and the leader renews it. Default 2 s.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Leader election as client-go's <c>leaderelection</c> package does it: candidates try to take a lease every
/// retry period; the holder renews it, and runs the work only while it holds it. A leader that cannot renew
/// within the renew deadline stops its work before the lease can expire for others, so two replicas never
/// run it at once; on a clean stop the lease is released so that another replica takes over at once.
/// </summary>
/// <param name="lease">Where the lease is kept.</param>
/// <param name="identity">This candidate, unique among replicas (e.g. host name and a random suffix).</param>
/// <param name="options">Timings.</param>
/// <param name="logger">Where changes of leadership are logged.</param>
/// <param name="time">The clock.</param>
public sealed class LeaderElector(ILeaseLock lease, string identity, LeaderElectionOptions? options = null, ILogger? logger = null, TimeProvider? time = null)
{
    private readonly LeaderElectionOptions options = options ?? new LeaderElectionOptions();
    private readonly ILogger logger = logger ?? NullLogger.Instance;
    private readonly TimeProvider time = time ?? TimeProvider.System;

    /// <summary>This candidate.</summary>
    public string Identity => identity;

    /// <summary>Whether this candidate leads now.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>Runs <paramref name="whileLeading"/> whenever this candidate leads, until <paramref name="stopping"/>.</summary>
    /// <param name="whileLeading">The work; its token is cancelled when leadership is lost or the run stops.</param>
    /// <param name="stopping">Ends the election.</param>
    /// <returns>A task that completes when the election has stopped and the work with it.</returns>
    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        while (!stopping.IsCancellationRequested)
        {
            if (!await TryAcquireOrRenewAsync(stopping).ConfigureAwait(false))
            {
                await DelayAsync(options.RetryPeriod, stopping).ConfigureAwait(false);
                continue;
            }

            IsLeader = true;
            logger.LogInformation("{Identity} leads ({Lease})", identity, lease.Description);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var work = Task.Run(() => whileLeading(leading.Token), CancellationToken.None);
            await RenewWhileLeadingAsync(stopping).ConfigureAwait(false);
            await leading.CancelAsync().ConfigureAwait(false);
            try
            {
                await work.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            IsLeader = false;
            if (stopping.IsCancellationRequested)
            {
                await ReleaseAsync().ConfigureAwait(false);
                return;
            }

            logger.LogWarning("{Identity} lost the lease ({Lease}) and stopped its work", identity, lease.Description);
        }
    }

    /// <summary>Renews every retry period; returns when stopping or when renewing failed for the renew deadline.</summary>
    private async Task RenewWhileLeadingAsync(CancellationToken stopping)
    {
        var lastRenewal = time.GetUtcNow();
        while (!stopping.IsCancellationRequested)
        {
            await DelayAsync(options.RetryPeriod, stopping).ConfigureAwait(false);
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            if (await TryAcquireOrRenewAsync(stopping).ConfigureAwait(false))
            {
                lastRenewal = time.GetUtcNow();
            }
            else if (time.GetUtcNow() - lastRenewal >= options.RenewDeadline)
            {
                return;
            }
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken stopping)
    {
        try
        {
            var (record, version) = await lease.ReadAsync(stopping).ConfigureAwait(false);
            var now = time.GetUtcNow();
            if (record is not null && record.HeldByAnotherAt(identity, now))
            {
                return false;
            }

            var mine = record?.HolderIdentity == identity;
            var next = new LeaseRecord(identity, mine ? record!.AcquireTime : now, now, (int)Math.Ceiling(options.LeaseDuration.TotalSeconds),
                (record?.LeaseTransitions ?? 0) + (mine || record is null ? 0 : 1));
            return await lease.TryWriteAsync(next, version, stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            logger.LogWarning("Leader election on {Lease} failed: {Reason}", lease.Description, e.Message);
            return false;
        }
    }

    /// <summary>Gives the lease up so that another replica need not wait for it to expire.</summary>
    private async Task ReleaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var (record, version) = await lease.ReadAsync(timeout.Token).ConfigureAwait(false);
            if (record?.HolderIdentity == identity)
            {
                var expired = time.GetUtcNow() - TimeSpan.FromSeconds(record.LeaseDurationSeconds + 1);
                await lease.TryWriteAsync(record with { HolderIdentity = "", RenewTime = expired }, version, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            logger.LogDebug("Releasing {Lease} failed: {Reason}", lease.Description, e.Message);
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, time, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
