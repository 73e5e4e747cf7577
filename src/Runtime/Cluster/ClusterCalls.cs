using System.Net;
using System.Text.Json;
using k8s.Autorest;

namespace ApiBuilder.Runtime.Cluster;

/// <summary>
/// How the server calls kube-apiserver for a request it is serving (TokenReview, SubjectAccessReview,
/// namespace look-ups): a 10 s timeout per call and a short retry with backoff on errors worth
/// retrying, as the generic apiserver's webhook clients do.
/// </summary>
internal static class ClusterCalls
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(600)];

    public static async Task<T> WithRetryAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CallTimeout);
            try
            {
                return await call(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < Backoff.Length && IsRetryable(e) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Backoff[attempt], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether <paramref name="e"/> is a failure of the call, not the caller going away.</summary>
    public static bool IsFailure(Exception e, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && e is HttpOperationException or HttpRequestException or OperationCanceledException
            or IOException or JsonException or InvalidOperationException or k8s.Exceptions.KubeConfigException;

    /// <summary>One line for logs and Status messages: the HTTP status and kube-apiserver's own message when there is one.</summary>
    public static string Describe(Exception e) => e switch
    {
        HttpOperationException { Response: { } response } => $"{(int)response.StatusCode} {response.StatusCode}: {Message(response.Content)}",
        OperationCanceledException => $"no answer within {CallTimeout.TotalSeconds:0} s",
        _ => e.InnerException is { } inner && e is HttpRequestException ? $"{e.Message} ({inner.Message})" : e.Message,
    };

    public static bool IsNotFound(Exception e) => e is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound };

    private static bool IsRetryable(Exception e) => e switch
    {
        HttpOperationException { Response.StatusCode: var code } => code == HttpStatusCode.TooManyRequests || (int)code >= 500,
        HttpRequestException or IOException or OperationCanceledException => true,
        _ => false,
    };

    private static string Message(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return "(no body)";
        }

        try
        {
            using var status = JsonDocument.Parse(content);
            if (status.RootElement.ValueKind == JsonValueKind.Object
                && status.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        return content.Length > 200 ? content[..200] + "…" : content;
    }
}
