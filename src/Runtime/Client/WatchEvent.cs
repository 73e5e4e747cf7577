using ApiBuilder.Runtime.Objects;

namespace ApiBuilder.Runtime.Client;

/// <summary>One event of a watch stream.</summary>
/// <typeparam name="TKind">The Kind watched.</typeparam>
/// <param name="Type">What happened.</param>
/// <param name="Object">The object after the change (for <see cref="WatchEventType.Deleted"/>, its last state).</param>
public sealed record WatchEvent<TKind>(WatchEventType Type, TKind Object)
    where TKind : KubernetesObject;
