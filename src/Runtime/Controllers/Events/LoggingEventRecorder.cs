using ApiBuilder.Runtime.Objects;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Controllers.Events;

/// <summary>Logs events: where they go when the controllers run without a cluster, and what the cluster recorder also does.</summary>
internal sealed class LoggingEventRecorder(ILogger logger) : IEventRecorder
{
    public void Record(KubernetesObject regarding, string type, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(regarding);
        var level = type == EventTypes.Warning ? LogLevel.Warning : LogLevel.Information;
        logger.Log(level, "Event {Type} {Reason} on {Kind} {Object}: {Message}", type, reason, regarding.Kind, ObjectKey(regarding), message);
    }

    internal static string ObjectKey(KubernetesObject obj) =>
        string.IsNullOrEmpty(obj.Metadata.Namespace) ? obj.Metadata.Name ?? "" : obj.Metadata.Namespace + "/" + obj.Metadata.Name;
}
