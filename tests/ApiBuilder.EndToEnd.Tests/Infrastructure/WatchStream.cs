using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A raw watch response read event by event. Each event must be one JSON object on one line,
/// as k8s writes them; the reader fails when a line is not a complete event.
/// </summary>
public sealed class WatchStream : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;
    private readonly WardleServer server;
    private readonly List<string> lines = [];
    private Task<string?>? pendingRead;

    private WatchStream(HttpResponseMessage response, StreamReader reader, WardleServer server)
    {
        this.response = response;
        this.reader = reader;
        this.server = server;
    }

    public HttpResponseMessage Response => response;

    public static async Task<WatchStream> OpenAsync(WardleServer server, string pathAndQuery, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            Assert.Fail(server.Explain($"watch did not start: {WardleApi.Describe(response, body)}"));
        }

        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        return new WatchStream(response, new StreamReader(stream), server);
    }

    /// <summary>The next event, or a failure if none arrives within the timeout.</summary>
    public async Task<JsonObject> NextEventAsync(TimeSpan? timeout = null)
    {
        var line = await NextLineAsync(timeout ?? TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        Assert.True(line is not null, Describe("expected another watch event, but the stream ended"));
        JsonObject? watchEvent = null;
        try
        {
            watchEvent = JsonNode.Parse(line!) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        Assert.True(watchEvent?["type"] is not null && watchEvent["object"] is JsonObject,
            Describe($"expected one complete watch event per line, got: {line}"));
        return watchEvent!;
    }

    /// <summary>True when the server closed the stream within the timeout, with no further event.</summary>
    public async Task<bool> EndsWithinAsync(TimeSpan timeout)
    {
        var line = await NextLineAsync(timeout, failOnTimeout: false).ConfigureAwait(false);
        Assert.True(line is null || line == TimeoutMarker, Describe($"expected the stream to end, got another line: {line}"));
        return line is null;
    }

    private const string TimeoutMarker = "\0timeout";

    private async Task<string?> NextLineAsync(TimeSpan timeout, bool failOnTimeout = true)
    {
        while (true)
        {
            pendingRead ??= reader.ReadLineAsync();
            var finished = await Task.WhenAny(pendingRead, Task.Delay(timeout)).ConfigureAwait(false);
            if (finished != pendingRead)
            {
                if (failOnTimeout)
                {
                    Assert.Fail(Describe($"no watch event within {timeout.TotalSeconds}s"));
                }

                return TimeoutMarker;
            }

            string? line;
            try
            {
                line = await pendingRead.ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                line = null;
            }

            pendingRead = null;
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                continue;
            }

            lines.Add(line);
            return line;
        }
    }

    public string Describe(string failure) =>
        server.Explain($"{failure}{Environment.NewLine}--- watch {response.RequestMessage?.RequestUri} lines so far ---{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
