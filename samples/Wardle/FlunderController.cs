using ApiBuilder.Runtime.Controllers;
using ApiBuilder.Runtime.Controllers.Events;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Objects;

namespace Wardle;

/// <summary>
/// Keeps each Flunder's <c>ReferenceResolved</c> condition true to whether the Flunder or Fischer it refers to
/// exists, and keeps it so as those come and go: the controller also watches Flunders and Fischers and
/// reconciles the Flunders that refer to a changed one. Runs in the server's process (Program.cs).
/// </summary>
public partial class FlunderController : IControllerSetup
{
    private const string ReferenceIndex = "reference";
    private const string ConditionType = "ReferenceResolved";

    private HttpClient? http;
    private IEventRecorder? events;
    private Informer<Flunder>? flunders;
    private Informer<Fischer>? fischers;

    public void Setup(ControllerContext context)
    {
        http = context.Client;
        events = context.Events;
        flunders = context.Watch<Flunder>(changed => Referrers("Flunder/" + Informer<Flunder>.KeyOf(changed)));
        flunders.AddIndex(ReferenceIndex, f => Target(f) is { } target ? [target] : []);
        fischers = context.Watch<Fischer>(changed => Referrers("Fischer/" + changed.Metadata.Name));
    }

    public async Task<ReconcileResult> ReconcileAsync(Flunder obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var (status, reason, message) = Resolve(obj);
        var conditions = obj.Status?.Conditions ?? [];
        var current = conditions.FirstOrDefault(c => c.Type == ConditionType);
        if (current is not null && current.Status == status && current.Reason == reason && obj.Status?.ObservedGeneration == obj.Metadata.Generation)
        {
            return ReconcileResult.Done;
        }

        obj.Status ??= new FlunderStatus();
        obj.Status.ObservedGeneration = obj.Metadata.Generation;
        obj.Status.Conditions = [.. conditions.Where(c => c.Type != ConditionType), new Condition
        {
            Type = ConditionType,
            Status = status,
            Reason = reason,
            Message = message,
            LastTransitionTime = current?.Status == status ? current.LastTransitionTime : DateTimeOffset.UtcNow,
        }];
        try
        {
            await new FlunderClient(http!, obj.Metadata.Namespace).UpdateStatusAsync(obj, cancellationToken).ConfigureAwait(false);
            if (current?.Status != status)
            {
                // kubectl describe shows these (connected to a cluster; the server's log otherwise).
                events?.Record(obj, status == ConditionStatus.True ? EventTypes.Normal : EventTypes.Warning,
                    status == ConditionStatus.True ? "ReferenceResolved" : "ReferenceMissing", message);
            }
        }
        catch (StatusException e) when (e.Code is 404 or 409)
        {
            // Deleted or changed meanwhile: the newer state comes through the informer.
            return e.Code == 409 ? ReconcileResult.RequeueSoon : ReconcileResult.Done;
        }

        return ReconcileResult.Done;
    }

    /// <summary>What the Flunder's reference resolves to, from the informers' caches.</summary>
    private (ConditionStatus Status, string Reason, string Message) Resolve(Flunder obj)
    {
        var reference = obj.Spec.Reference;
        if (string.IsNullOrEmpty(reference))
        {
            return (ConditionStatus.False, "NoReference", "spec.reference is empty");
        }

        var kind = obj.Spec.ReferenceType ?? ReferenceType.Flunder;
        var found = kind == ReferenceType.Fischer
            ? fischers!.Objects.ContainsKey(reference)
            : flunders!.Objects.ContainsKey($"{obj.Metadata.Namespace}/{reference}");
        return found
            ? (ConditionStatus.True, "Found", $"{kind} {reference} exists")
            : (ConditionStatus.False, "NotFound", $"{kind} {reference} does not exist");
    }

    private IEnumerable<string> Referrers(string target) =>
        flunders?.ByIndex(ReferenceIndex, target).Select(Informer<Flunder>.KeyOf) ?? [];

    private static string? Target(Flunder f) =>
        string.IsNullOrEmpty(f.Spec.Reference) ? null
        : f.Spec.ReferenceType == ReferenceType.Fischer ? "Fischer/" + f.Spec.Reference
        : $"Flunder/{f.Metadata.Namespace}/{f.Spec.Reference}";
}
