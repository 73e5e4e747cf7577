using System.Text.Json.Nodes;
using System.Threading.Channels;
using ApiBuilder.Runtime.Authentication;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Testing;

/// <summary>The requests the stand-in answers itself, and the aggregator's proxy for the rest.</summary>
public sealed partial class TestCluster
{
    private const string ConfigMapPath = "/api/v1/namespaces/kube-system/configmaps";

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        if (ConfigMapForbidden && path.StartsWith(ConfigMapPath, StringComparison.Ordinal))
        {
            await WriteJsonAsync(context, 403, StatusObject(403, "Forbidden",
                "configmaps \"extension-apiserver-authentication\" is forbidden: User \"system:serviceaccount:apibuilder-system:apiserver\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"kube-system\"")).ConfigureAwait(false);
            return;
        }

        switch (path)
        {
            case "/apis/authentication.k8s.io/v1/tokenreviews" when HttpMethods.IsPost(method):
                await TokenReviewAsync(context).ConfigureAwait(false);
                return;
            case "/apis/authorization.k8s.io/v1/subjectaccessreviews" when HttpMethods.IsPost(method):
                await SubjectAccessReviewAsync(context).ConfigureAwait(false);
                return;
            case ConfigMapPath + "/extension-apiserver-authentication" when HttpMethods.IsGet(method):
                await (_configMapDeleted
                    ? WriteJsonAsync(context, 404, StatusObject(404, "NotFound", "configmaps \"extension-apiserver-authentication\" not found"))
                    : WriteJsonAsync(context, 200, ConfigMapObject())).ConfigureAwait(false);
                return;
            case ConfigMapPath when HttpMethods.IsGet(method):
                await ListOrWatchAsync(context, _configMapWatchers, "ConfigMapList", () => _configMapDeleted ? [] : [ConfigMapObject()]).ConfigureAwait(false);
                return;
            case "/api/v1/namespaces" when HttpMethods.IsGet(method):
                await ListOrWatchAsync(context, _namespaceWatchers, "NamespaceList", NamespaceObjects).ConfigureAwait(false);
                return;
        }

        if (path.StartsWith("/api/v1/namespaces/", StringComparison.Ordinal) && path.Count(c => c == '/') == 4 && HttpMethods.IsGet(method))
        {
            var name = path["/api/v1/namespaces/".Length..];
            string? phase;
            lock (_gate)
            {
                _namespaces.TryGetValue(name, out phase);
            }

            await WriteJsonAsync(context, phase is null ? 404 : 200,
                phase is null ? StatusObject(404, "NotFound", $"namespaces \"{name}\" not found") : NamespaceObject(name, phase)).ConfigureAwait(false);
            return;
        }

        if (await TryServeObjectsAsync(context, path, method).ConfigureAwait(false))
        {
            return;
        }

        await ProxyAsync(context).ConfigureAwait(false);
    }

    private async Task TokenReviewAsync(HttpContext context)
    {
        var review = (await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false))!.AsObject();
        var spec = review["spec"]!.AsObject();
        _tokenReviews.Enqueue(spec.DeepClone().AsObject());
        if (ReviewsFail)
        {
            await WriteJsonAsync(context, 503, StatusObject(503, "ServiceUnavailable", "the server is currently unable to handle the request")).ConfigureAwait(false);
            return;
        }

        var token = spec["token"]?.GetValue<string>() ?? "";
        var status = new JsonObject { ["authenticated"] = false };
        if (_tokens.TryGetValue(token, out var user))
        {
            status["authenticated"] = true;
            status["user"] = new JsonObject
            {
                ["username"] = user.Name,
                ["uid"] = user.Uid,
                ["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode)g)]),
                ["extra"] = new JsonObject(user.Extra.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)new JsonArray([.. e.Value.Select(v => (JsonNode)v)])))),
            };
        }
        else
        {
            status["error"] = "invalid bearer token";
        }

        review["status"] = status;
        await WriteJsonAsync(context, 201, review).ConfigureAwait(false);
    }

    private async Task SubjectAccessReviewAsync(HttpContext context)
    {
        var review = (await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false))!.AsObject();
        var spec = review["spec"]!.AsObject();
        _subjectAccessReviews.Enqueue(spec.DeepClone().AsObject());
        if (ReviewsFail)
        {
            await WriteJsonAsync(context, 503, StatusObject(503, "ServiceUnavailable", "the server is currently unable to handle the request")).ConfigureAwait(false);
            return;
        }

        var answer = Authorize(spec);
        review["status"] = new JsonObject { ["allowed"] = answer.Allowed, ["denied"] = answer.Denied, ["reason"] = answer.Reason };
        await WriteJsonAsync(context, 201, review).ConfigureAwait(false);
    }

    private async Task ListOrWatchAsync(HttpContext context, List<Channel<string>> watchers, string listKind, Func<IEnumerable<JsonObject>> items)
    {
        if (context.Request.Query["watch"] is not ["true" or "1"])
        {
            JsonArray array;
            string revision;
            lock (_gate)
            {
                array = new JsonArray([.. items()]);
                revision = _revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await WriteJsonAsync(context, 200, new JsonObject
            {
                ["kind"] = listKind,
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject { ["resourceVersion"] = revision },
                ["items"] = array,
            }).ConfigureAwait(false);
            return;
        }

        // Events after the list are what a watch from the list's version sees; the stand-in keeps no history.
        var channel = Channel.CreateUnbounded<string>();
        lock (_gate)
        {
            watchers.Add(channel);
        }

        try
        {
            context.Response.ContentType = "application/json";
            await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
            await foreach (var line in channel.Reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                await context.Response.WriteAsync(line, context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            lock (_gate)
            {
                watchers.Remove(channel);
            }
        }
    }

    private async Task ProxyAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !_tokens.TryGetValue(authorization[7..].Trim(), out var user))
        {
            await WriteJsonAsync(context, 401, StatusObject(401, "Unauthorized", "Unauthorized")).ConfigureAwait(false);
            return;
        }

        if (_backend is null || _backendAddress is null)
        {
            await WriteJsonAsync(context, 404, StatusObject(404, "NotFound", "the server could not find the requested resource")).ConfigureAwait(false);
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_backendAddress, context.Request.Path + context.Request.QueryString));
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (IsDropped(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        SetAuthProxyHeaders(request, user);
        request.Headers.ConnectionClose = true; // one request per connection: see HeaderLineSplitter
        HttpResponseMessage response;
        try
        {
            response = await _backend.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            // What kube-apiserver answers when it cannot reach the extension server.
            context.Response.StatusCode = 503;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("service unavailable: " + e.Message).ConfigureAwait(false);
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted).ConfigureAwait(false);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Headers the aggregator consumes or replaces: credentials, impersonation, identity and hop-by-hop headers.</summary>
    private static bool IsDropped(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("X-Remote-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith(":", StringComparison.Ordinal);

    /// <summary>client-go's <c>SetAuthProxyHeaders</c>: user, uid, one header per group, one per extra value with the key escaped.</summary>
    private static void SetAuthProxyHeaders(HttpRequestMessage request, UserInfo user)
    {
        request.Headers.TryAddWithoutValidation("X-Remote-User", user.Name);
        if (!string.IsNullOrEmpty(user.Uid))
        {
            request.Headers.TryAddWithoutValidation("X-Remote-Uid", user.Uid);
        }

        foreach (var group in user.Groups.Append(UserInfo.AllAuthenticated).Distinct(StringComparer.Ordinal))
        {
            request.Headers.TryAddWithoutValidation("X-Remote-Group", group);
        }

        foreach (var (key, values) in user.Extra)
        {
            foreach (var value in values)
            {
                request.Headers.TryAddWithoutValidation("X-Remote-Extra-" + ExtraKeyEscaping.Escape(key), value);
            }
        }
    }

    private JsonObject ConfigMapObject()
    {
        lock (_gate)
        {
            return new JsonObject
            {
                ["kind"] = "ConfigMap",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject
                {
                    ["name"] = "extension-apiserver-authentication",
                    ["namespace"] = "kube-system",
                    ["resourceVersion"] = _revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                ["data"] = new JsonObject(_configMap.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))),
            };
        }
    }

    private IEnumerable<JsonObject> NamespaceObjects() => _namespaces.Select(n => NamespaceObject(n.Key, n.Value)).ToList();

    private JsonObject NamespaceObject(string name, string phase) => new()
    {
        ["kind"] = "Namespace",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject { ["name"] = name, ["resourceVersion"] = _revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        ["status"] = new JsonObject { ["phase"] = phase },
    };
}
