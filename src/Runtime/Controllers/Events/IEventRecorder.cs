using ApiBuilder.Runtime.Objects;

namespace ApiBuilder.Runtime.Controllers.Events;

/// <summary>
/// Records Kubernetes Events about objects, as client-go's EventRecorder does: what a controller did or
/// could not do, shown by <c>kubectl describe</c> and <c>kubectl get events</c>. Connected to a cluster the
/// events are written to kube-apiserver (core/v1 Events in the object's namespace, repeats counted on one
/// Event); alone they are logged. Recording never blocks and never throws: an event that cannot be written
/// is logged and dropped.
/// </summary>
public interface IEventRecorder
{
    /// <summary>Records an event about <paramref name="regarding"/>.</summary>
    /// <param name="regarding">The object the event is about (its apiVersion, kind, namespace, name and uid are referenced).</param>
    /// <param name="type"><see cref="EventTypes.Normal"/> or <see cref="EventTypes.Warning"/>.</param>
    /// <param name="reason">A short UpperCamelCase reason, e.g. <c>ReferenceResolved</c>.</param>
    /// <param name="message">What happened, for people.</param>
    void Record(KubernetesObject regarding, string type, string reason, string message);
}

/// <summary>The types of Kubernetes Events.</summary>
public static class EventTypes
{
    /// <summary>Nothing is wrong: something happened as expected.</summary>
    public const string Normal = "Normal";

    /// <summary>Something may be wrong.</summary>
    public const string Warning = "Warning";
}
