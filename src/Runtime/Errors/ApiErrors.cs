namespace ApiBuilder.Runtime.Errors;

/// <summary>Builds the Status errors of Kubernetes' <c>apimachinery/pkg/api/errors</c>, with its wording.</summary>
public static class ApiErrors
{
    /// <summary>400 BadRequest with a free-text message.</summary>
    public static StatusException BadRequest(string message) =>
        New(400, "BadRequest", message);

    /// <summary>401 Unauthorized.</summary>
    public static StatusException Unauthorized(string message = "Unauthorized") =>
        New(401, "Unauthorized", message);

    /// <summary>403 Forbidden on an object of a resource.</summary>
    public static StatusException Forbidden(string group, string resource, string name, string reason) =>
        New(403, "Forbidden", $"{Qualified(group, resource)} \"{name}\" is forbidden: {reason}",
            new StatusDetails { Name = name, Group = group, Kind = resource });

    /// <summary>403 Forbidden with a complete message.</summary>
    public static StatusException ForbiddenMessage(string message) => New(403, "Forbidden", message);

    /// <summary>404 NotFound for a named object.</summary>
    public static StatusException NotFound(string group, string resource, string name) =>
        New(404, "NotFound", $"{Qualified(group, resource)} \"{name}\" not found",
            new StatusDetails { Name = name, Group = group, Kind = resource });

    /// <summary>404 NotFound for a path that serves nothing.</summary>
    public static StatusException NotFoundPath() =>
        New(404, "NotFound", "the server could not find the requested resource", new StatusDetails());

    /// <summary>405 MethodNotAllowed for a verb the resource's storage does not serve at all, as kube-apiserver answers for an unregistered route.</summary>
    public static StatusException MethodNotAllowed() =>
        New(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", new StatusDetails());

    /// <summary>405 MethodNotAllowed.</summary>
    public static StatusException MethodNotSupported(string group, string resource, string verb) =>
        New(405, "MethodNotAllowed", $"{verb} is not supported on resources of kind \"{Qualified(group, resource)}\"",
            new StatusDetails { Group = group, Kind = resource });

    /// <summary>406 NotAcceptable.</summary>
    public static StatusException NotAcceptable(IEnumerable<string> accepted) =>
        New(406, "NotAcceptable", "only the following media types are accepted: " + string.Join(", ", accepted));

    /// <summary>409 AlreadyExists.</summary>
    public static StatusException AlreadyExists(string group, string resource, string name, string? prefix = null) =>
        New(409, "AlreadyExists", $"{prefix}{Qualified(group, resource)} \"{name}\" already exists",
            new StatusDetails { Name = name, Group = group, Kind = resource });

    /// <summary>409 Conflict: <c>Operation cannot be fulfilled on ...: why</c>.</summary>
    public static StatusException Conflict(string group, string resource, string name, string why) =>
        New(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(group, resource)} \"{name}\": {why}",
            new StatusDetails { Name = name, Group = group, Kind = resource });

    /// <summary>409 Conflict of a server-side apply with other managers' fields (<c>NewApplyConflict</c>): causes only, no object details.</summary>
    internal static StatusException ApplyConflict(string message, IReadOnlyList<StatusCause> causes) =>
        New(409, "Conflict", message, new StatusDetails { Causes = causes });

    /// <summary>The optimistic-concurrency conflict message Kubernetes uses.</summary>
    public const string OptimisticLockMessage =
        "the object has been modified; please apply your changes to the latest version and try again";

    /// <summary>410 Expired (too old resource version, expired continue token).</summary>
    public static StatusException Expired(string message) => New(410, "Expired", message);

    /// <summary>413 RequestEntityTooLarge.</summary>
    public static StatusException RequestEntityTooLarge(string message) =>
        New(413, "RequestEntityTooLarge", "Request entity too large: " + message);

    /// <summary>
    /// 414 for a URL over the server's limit. Kubernetes names no reason for 414; the reason is the
    /// HTTP status text, as Kubernetes' own reasons for 405, 406, 413 and 415 are.
    /// </summary>
    public static StatusException RequestUriTooLong(string message) =>
        New(414, "RequestURITooLong", "Request URI too long: " + message);

    /// <summary>431 for request headers over the server's limit; the reason is the HTTP status text, as for 414.</summary>
    public static StatusException RequestHeaderFieldsTooLarge(string message) =>
        New(431, "RequestHeaderFieldsTooLarge", "Request header fields too large: " + message);

    /// <summary>415 UnsupportedMediaType.</summary>
    public static StatusException UnsupportedMediaType(IEnumerable<string> accepted) =>
        New(415, "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include: " + string.Join(", ", accepted));

    /// <summary>422 Invalid with field causes; <paramref name="kind"/> is the Kind, as Kubernetes reports it.</summary>
    public static StatusException Invalid(string group, string kind, string name, IReadOnlyList<StatusCause> causes)
    {
        var summary = causes.Count == 1
            ? FormatCause(causes[0])
            : "[" + string.Join(", ", causes.Select(FormatCause)) + "]";
        return New(422, "Invalid", $"{Qualified(group, kind)} \"{name}\" is invalid: {summary}",
            new StatusDetails { Name = name, Group = group, Kind = kind, Causes = causes });
    }

    /// <summary>422 Invalid with a free-text message and no causes.</summary>
    public static StatusException InvalidMessage(string message, StatusDetails? details = null) =>
        New(422, "Invalid", message, details ?? new StatusDetails());

    /// <summary>500 InternalError.</summary>
    public static StatusException Internal(string message) =>
        New(500, "InternalError", "Internal error occurred: " + message,
            new StatusDetails { Causes = [new StatusCause("", message)] });

    /// <summary>503 ServiceUnavailable, with a retry hint.</summary>
    public static StatusException ServiceUnavailable(string message, int retryAfterSeconds = 1) =>
        New(503, "ServiceUnavailable", message, new StatusDetails { RetryAfterSeconds = retryAfterSeconds });

    /// <summary>504 Timeout for a resource version the server has not reached yet.</summary>
    public static StatusException TooLargeResourceVersion(long requested, long current) =>
        New(504, "Timeout", $"Timeout: Too large resource version: {requested}, current: {current}",
            new StatusDetails
            {
                Causes = [new StatusCause("ResourceVersionTooLarge", $"Too large resource version")],
                RetryAfterSeconds = 1,
            });

    /// <summary>Formats one cause the way field.Error prints: <c>spec.x: Invalid value: ...</c>.</summary>
    public static string FormatCause(StatusCause cause) =>
        string.IsNullOrEmpty(cause.Field) ? cause.Message : cause.Field + ": " + cause.Message;

    private static string Qualified(string group, string resource) =>
        group.Length == 0 ? resource : resource + "." + group;

    private static StatusException New(int code, string reason, string message, StatusDetails? details = null) =>
        new(new Status { Code = code, Reason = reason, Message = message, Details = details });
}
