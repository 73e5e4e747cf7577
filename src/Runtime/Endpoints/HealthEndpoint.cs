using System.Text;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Endpoints;

/// <summary>A named health check; returns null when healthy, or the reason it is not.</summary>
internal sealed record HealthCheck(string Name, Func<CancellationToken, Task<string?>> Check);

/// <summary>
/// <c>/healthz</c>, <c>/livez</c> and <c>/readyz</c> in Kubernetes' text format: <c>ok</c>, or with
/// <c>?verbose</c> one <c>[+]check ok</c> line per check; <c>?exclude=</c> skips checks; each check
/// is also served alone at <c>/&lt;endpoint&gt;/&lt;check&gt;</c>. Always reachable without credentials.
/// </summary>
internal sealed class HealthEndpoint(IReadOnlyDictionary<string, IReadOnlyList<HealthCheck>> checksByEndpoint)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static bool Matches(string path) =>
        path is "/healthz" or "/livez" or "/readyz"
        || path.StartsWith("/healthz/", StringComparison.Ordinal)
        || path.StartsWith("/livez/", StringComparison.Ordinal)
        || path.StartsWith("/readyz/", StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!.TrimEnd('/');
        var slash = path.IndexOf('/', 1);
        var endpoint = slash < 0 ? path[1..] : path[1..slash];
        var single = slash < 0 ? null : path[(slash + 1)..];
        var checks = checksByEndpoint.GetValueOrDefault(endpoint) ?? [];
        context.Response.Headers.CacheControl = "no-cache, private";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.ContentType = "text/plain; charset=utf-8";

        if (single is not null)
        {
            var check = checks.FirstOrDefault(c => c.Name == single);
            if (check is null)
            {
                await WriteAsync(context, 404, "404 page not found\n").ConfigureAwait(false);
                return;
            }

            var failure = await RunAsync(check, context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context, failure is null ? 200 : 500, failure is null ? "ok" : $"internal server error: {failure}\n").ConfigureAwait(false);
            return;
        }

        var excluded = new HashSet<string>(context.Request.Query["exclude"].OfType<string>(), StringComparer.Ordinal);
        var verbose = context.Request.Query.ContainsKey("verbose");
        var report = new StringBuilder();
        var failed = false;
        foreach (var check in checks)
        {
            if (excluded.Remove(check.Name))
            {
                report.Append("[+]").Append(check.Name).Append(" excluded: ok\n");
                continue;
            }

            var failure = await RunAsync(check, context.RequestAborted).ConfigureAwait(false);
            if (failure is null)
            {
                report.Append("[+]").Append(check.Name).Append(" ok\n");
            }
            else
            {
                failed = true;
                report.Append("[-]").Append(check.Name).Append(" failed: reason withheld\n");
            }
        }

        foreach (var unknown in excluded)
        {
            report.Append("warn: some health checks cannot be excluded: no matches for \"").Append(unknown).Append("\"\n");
        }

        if (failed)
        {
            report.Append(endpoint).Append(" check failed\n");
            await WriteAsync(context, 500, report.ToString()).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, 200, verbose ? report.Append(endpoint).Append(" check passed\n").ToString() : "ok").ConfigureAwait(false);
    }

    private static async Task<string?> RunAsync(HealthCheck check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            return await check.Check(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return e.Message;
        }
    }

    private static Task WriteAsync(HttpContext context, int code, string text)
    {
        context.Response.StatusCode = code;
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }
}
