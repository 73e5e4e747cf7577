using System.Globalization;
using System.Threading.Channels;
using KubernetesObject = ApiBuilder.Runtime.Objects.KubernetesObject;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Controllers.Events;

/// <summary>
/// Writes events to the cluster's kube-apiserver as client-go's event broadcaster does: core/v1 Events named
/// <c>&lt;object&gt;.&lt;hex nanoseconds&gt;</c> in the object's namespace (<c>default</c> for cluster-scoped objects);
/// an event equal to one already written (same object, type, reason and message) increases that Event's
/// <c>count</c> and <c>lastTimestamp</c> instead of adding another; each object may burst 25 events, then one per
/// five minutes; at most 1,000 wait to be written, more are dropped. Every event is also logged.
/// </summary>
internal sealed class ClusterEventRecorder : IEventRecorder, IAsyncDisposable
{
    private const int QueueLength = 1000;
    private const int RememberedEvents = 4096;
    private const int Burst = 25;
    private static readonly TimeSpan Refill = TimeSpan.FromMinutes(5);

    private readonly IKubernetes cluster;
    private readonly string component;
    private readonly string host;
    private readonly ILogger logger;
    private readonly LoggingEventRecorder log;
    private readonly TimeProvider time;
    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(QueueLength)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly Dictionary<string, Written> written = new(StringComparer.Ordinal);
    private readonly LinkedList<string> writtenOrder = new();
    private readonly Dictionary<string, (double Tokens, DateTimeOffset At)> buckets = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly Task writer;

    public ClusterEventRecorder(IKubernetes cluster, string component, ILogger logger, TimeProvider? time = null)
    {
        this.cluster = cluster;
        this.component = component;
        this.logger = logger;
        this.time = time ?? TimeProvider.System;
        host = Environment.MachineName;
        log = new LoggingEventRecorder(logger);
        writer = Task.Run(WriteAllAsync);
    }

    public void Record(KubernetesObject regarding, string type, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(regarding);
        log.Record(regarding, type, reason, message);
        var now = time.GetUtcNow();
        if (!TakeToken(regarding, now))
        {
            logger.LogDebug("Event {Reason} on {Object} dropped: too many events about it", reason, LoggingEventRecorder.ObjectKey(regarding));
            return;
        }

        var reference = new V1ObjectReference
        {
            ApiVersion = regarding.ApiVersion,
            Kind = regarding.Kind,
            NamespaceProperty = regarding.Metadata.Namespace,
            Name = regarding.Metadata.Name,
            Uid = regarding.Metadata.Uid,
            ResourceVersion = regarding.Metadata.ResourceVersion,
        };
        if (!queue.Writer.TryWrite(new Pending(reference, type, reason, Truncate(message), now)))
        {
            logger.LogDebug("Event {Reason} on {Object} dropped: {Count} events wait to be written", reason, LoggingEventRecorder.ObjectKey(regarding), QueueLength);
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writer.ConfigureAwait(false);
    }

    private bool TakeToken(KubernetesObject regarding, DateTimeOffset now)
    {
        var key = regarding.Kind + "/" + LoggingEventRecorder.ObjectKey(regarding) + "/" + regarding.Metadata.Uid;
        lock (gate)
        {
            var (tokens, at) = buckets.TryGetValue(key, out var bucket) ? bucket : (Burst, now);
            tokens = Math.Min(Burst, tokens + ((now - at) / Refill));
            if (tokens < 1)
            {
                buckets[key] = (tokens, now);
                return false;
            }

            buckets[key] = (tokens - 1, now);
            if (buckets.Count > RememberedEvents)
            {
                // Forget full buckets: they behave like new ones.
                foreach (var full in buckets.Where(b => b.Value.Tokens >= Burst - 1).Select(b => b.Key).ToList())
                {
                    buckets.Remove(full);
                }
            }

            return true;
        }
    }

    private async Task WriteAllAsync()
    {
        await foreach (var pending in queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await WriteAsync(pending).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or TaskCanceledException or IOException)
            {
                logger.LogWarning("Could not write event {Reason} on {Kind} {Name} to the cluster: {Error}", pending.Reason, pending.Regarding.Kind, pending.Regarding.Name,
                    e is HttpOperationException h ? $"{(int)h.Response.StatusCode} {h.Response.Content}" : e.Message);
            }
        }
    }

    private async Task WriteAsync(Pending pending)
    {
        var ns = string.IsNullOrEmpty(pending.Regarding.NamespaceProperty) ? "default" : pending.Regarding.NamespaceProperty;
        var key = string.Join('\u0000', pending.Regarding.Kind, ns, pending.Regarding.Name, pending.Regarding.Uid, pending.Type, pending.Reason, pending.Message);
        if (Remembered(key) is { } seen)
        {
            var count = seen.Count + 1;
            var patch = new System.Text.Json.Nodes.JsonObject
            {
                ["count"] = count,
                ["lastTimestamp"] = Timestamp(pending.At),
            }.ToJsonString();
            try
            {
                await cluster.CoreV1.PatchNamespacedEventAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), seen.Name, ns).ConfigureAwait(false);
                Remember(key, seen with { Count = count });
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Expired or deleted in the cluster: write it anew.
            }
        }

        var name = $"{pending.Regarding.Name}.{((pending.At - DateTimeOffset.UnixEpoch).Ticks * 100).ToString("x", CultureInfo.InvariantCulture)}";
        var ev = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            InvolvedObject = pending.Regarding,
            Type = pending.Type,
            Reason = pending.Reason,
            Message = pending.Message,
            Source = new V1EventSource { Component = component, Host = host },
            ReportingComponent = component,
            ReportingInstance = host,
            FirstTimestamp = pending.At.UtcDateTime,
            LastTimestamp = pending.At.UtcDateTime,
            Count = 1,
        };
        await cluster.CoreV1.CreateNamespacedEventAsync(ev, ns).ConfigureAwait(false);
        Remember(key, new Written(name, 1));
    }

    private Written? Remembered(string key) => written.TryGetValue(key, out var seen) ? seen : null;

    private void Remember(string key, Written value)
    {
        if (!written.ContainsKey(key))
        {
            writtenOrder.AddLast(key);
            if (writtenOrder.Count > RememberedEvents)
            {
                written.Remove(writtenOrder.First!.Value);
                writtenOrder.RemoveFirst();
            }
        }

        written[key] = value;
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Messages are kept within 1 KiB, the limit of an events.k8s.io note.</summary>
    private static string Truncate(string message) => message.Length <= 1024 ? message : message[..1021] + "...";

    private sealed record Pending(V1ObjectReference Regarding, string Type, string Reason, string Message, DateTimeOffset At);

    private sealed record Written(string Name, int Count);
}
