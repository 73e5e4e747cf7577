using System.Globalization;
using System.Runtime.CompilerServices;
using ApiBuilder.Runtime.Client;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Rest;

namespace ApiBuilder.Runtime.Tests.Rest;

/// <summary>
/// Read-only user storage with watch, as a user writes it: Gadgets in a dictionary, every change numbered and
/// kept in a log that watches read from; <see cref="Forget"/> drops the log's oldest changes (a compaction).
/// </summary>
internal sealed class WatchableGadgets : IWatchableStorage<Gadget>
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Namespace, string Name), Gadget> items = [];
    private readonly List<WatchEvent<Gadget>> log = [];
    private long revision;
    private long forgottenUpTo;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How late watches receive changes (a storage whose events trail its writes).</summary>
    public TimeSpan DeliveryDelay { get; init; }

    /// <summary>Moves the resourceVersion without a change or an event (another Kind's change in a shared counter).</summary>
    public void Skip()
    {
        lock (gate)
        {
            revision++;
        }
    }

    public long Revision
    {
        get
        {
            lock (gate)
            {
                return revision;
            }
        }
    }

    /// <summary>Creates or changes a Gadget; returns the change's resourceVersion.</summary>
    public long Put(string ns, string name, long size, Dictionary<string, string>? labels = null)
    {
        lock (gate)
        {
            var existed = items.ContainsKey((ns, name));
            var gadget = new Gadget { Metadata = { Name = name, Namespace = ns, ResourceVersion = Format(++revision), Labels = labels ?? [] }, Size = size };
            items[(ns, name)] = gadget;
            return Record(new WatchEvent<Gadget>(existed ? WatchEventType.Modified : WatchEventType.Added, gadget));
        }
    }

    public long Remove(string ns, string name)
    {
        lock (gate)
        {
            items.Remove((ns, name), out var gone);
            var last = new Gadget { Metadata = { Name = name, Namespace = ns, ResourceVersion = Format(++revision), Labels = gone!.Metadata.Labels }, Size = gone.Size };
            return Record(new WatchEvent<Gadget>(WatchEventType.Deleted, last));
        }
    }

    /// <summary>A change of nothing a client sees, announced as a bookmark.</summary>
    public long Bookmark()
    {
        lock (gate)
        {
            return Record(new WatchEvent<Gadget>(WatchEventType.Bookmark, new Gadget { Metadata = { ResourceVersion = Format(++revision) } }));
        }
    }

    /// <summary>Forgets every change up to now: watches from before answer 410.</summary>
    public void Forget()
    {
        lock (gate)
        {
            forgottenUpTo = revision;
            log.Clear();
        }
    }

    public ValueTask<long> CurrentResourceVersionAsync(RestContext context, CancellationToken cancellationToken) => ValueTask.FromResult(Revision);

    public ValueTask<Gadget?> GetAsync(RestContext context, string name, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return ValueTask.FromResult(items.GetValueOrDefault((context.Namespace, name)));
        }
    }

    public async IAsyncEnumerable<Gadget> ListAsync(RestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        List<Gadget> all;
        lock (gate)
        {
            all = [.. items.Values];
        }

        foreach (var gadget in all)
        {
            yield return gadget;
        }
    }

    public async IAsyncEnumerable<WatchEvent<Gadget>> WatchAsync(RestContext context, long afterResourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = afterResourceVersion;
        while (true)
        {
            List<WatchEvent<Gadget>> pending;
            Task wake;
            lock (gate)
            {
                if (after < forgottenUpTo)
                {
                    throw ApiErrors.Expired($"too old resource version: {after} ({forgottenUpTo})");
                }

                pending = [.. log.Where(e => long.Parse(e.Object.Metadata.ResourceVersion!, CultureInfo.InvariantCulture) > after)];
                wake = changed.Task;
            }

            if (pending.Count > 0 && DeliveryDelay > TimeSpan.Zero)
            {
                await Task.Delay(DeliveryDelay, cancellationToken);
            }

            foreach (var e in pending)
            {
                after = long.Parse(e.Object.Metadata.ResourceVersion!, CultureInfo.InvariantCulture);
                yield return e;
            }

            if (pending.Count == 0)
            {
                await wake.WaitAsync(cancellationToken);
            }
        }
    }

    private long Record(WatchEvent<Gadget> e)
    {
        log.Add(e);
        var done = changed;
        changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return revision;
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
