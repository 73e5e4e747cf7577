using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Authorization;
using ApiBuilder.Runtime.Endpoints;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Handlers;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Requests;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Server;

/// <summary>
/// The request pipeline: health (no credentials needed) → authentication → routing to
/// discovery, OpenAPI, version or a resource handler. Every failure becomes a Status.
/// </summary>
internal sealed class RequestDispatcher(
    ResourceRegistry registry,
    DiscoveryEndpoint discovery,
    OpenApiEndpoint openApi,
    VersionEndpoint version,
    HealthEndpoint health,
    IAuthenticator authenticator,
    IAuthorizer authorizer,
    RequestObserver observer,
    MetricsEndpoint metrics,
    ILogger logger,
    CancellationToken stopping)
{
    private static readonly Tables.TableConvertor ScaleTable = new(Rest.ScaleRestStorage.ScaleDefinition, TimeProvider.System);

    public async Task HandleAsync(HttpContext context)
    {
        // Metrics, audit and tracing of the request (RequestObserver); the record collects what they need.
        var record = observer.Begin(context);
        try
        {
            await ServeAsync(context, record).ConfigureAwait(false);
        }
        finally
        {
            await observer.EndAsync(context, record).ConfigureAwait(false);
        }
    }

    private async Task ServeAsync(HttpContext context, RequestRecord record)
    {
        try
        {
            RequestLimits.Check(context);
            var path = context.Request.Path.Value ?? "/";
            if (HealthEndpoint.Matches(path))
            {
                record.Health = true;
                await health.HandleAsync(context).ConfigureAwait(false);
                return;
            }

            var user = await AuthenticateAsync(context).ConfigureAwait(false);
            record.User = user;
            var info = RequestInfo.Parse(context.Request.Method, path, name => context.Request.Query[name].FirstOrDefault());
            record.Info = info;
            await AuthorizeAsync(context, info, user, record).ConfigureAwait(false);
            await observer.AuthorizedAsync(context, record).ConfigureAwait(false);
            if (info.IsResourceRequest)
            {
                await ServeResourceAsync(context, info, user, record).ConfigureAwait(false);
                return;
            }

            await ServeNonResourceAsync(context, path, info).ConfigureAwait(false);
        }
        catch (StatusException e)
        {
            await WriteErrorAsync(context, e.Status, record).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (BadHttpRequestException e)
        {
            await WriteErrorAsync(context, ApiErrors.BadRequest(e.Message).Status, record).ConfigureAwait(false);
        }
        catch (Exception e) when (BodyDecodingFailure.Matches(context, e))
        {
            logger.LogWarning(e, "Undecodable request body for {Method} {Path} answered 400", context.Request.Method, context.Request.Path);
            await WriteErrorAsync(context, ApiErrors.BadRequest(BodyDecodingFailure.Message(e)).Status, record).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Unhandled error serving {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteErrorAsync(context, ApiErrors.Internal(e.Message).Status, record).ConfigureAwait(false);
        }
    }

    private async Task<UserInfo> AuthenticateAsync(HttpContext context)
    {
        var connection = context.Connection;
        var header = context.Request.Headers.Authorization.ToString();
        var start = Stopwatch.GetTimestamp();
        AuthenticationResult result;
        try
        {
            result = await authenticator.AuthenticateAsync(new AuthenticationRequest
            {
                ClientCertificate = connection.ClientCertificate,
                Headers = context.Request.Headers,
                BearerToken = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null,
            }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            observer.Metrics.Access.Authenticated(null, Stopwatch.GetElapsedTime(start).TotalSeconds);
            throw;
        }

        observer.Metrics.Access.Authenticated(result.IsAuthenticated, Stopwatch.GetElapsedTime(start).TotalSeconds);
        if (result.IsAuthenticated)
        {
            return result.User;
        }

        if (result.FailureReason is { } reason)
        {
            logger.LogInformation("Authentication failed: {Reason}", reason);
        }

        throw ApiErrors.Unauthorized();
    }

    private async Task AuthorizeAsync(HttpContext context, RequestInfo info, UserInfo user, RequestRecord record)
    {
        var name = info.Name;
        if (name.Length == 0 && info.Verb is "list" or "watch" && PinnedName(context) is { } pinned)
        {
            // A list or watch pinned to one name is authorized as that name, so RBAC resourceNames apply.
            name = pinned;
        }

        var attributes = new AuthorizationAttributes(user, info.Verb, info.IsResourceRequest, info.Path,
            info.ApiGroup, info.ApiVersion, info.Namespace, info.Resource, info.Subresource, name);
        if (info.IsResourceRequest && info.Verb is "list" or "watch" or "deletecollection")
        {
            // Selectors narrow what a collection request may see, so the cluster's authorizers are told them.
            var query = context.Request.Query;
            attributes = attributes with { FieldSelector = query["fieldSelector"].FirstOrDefault() ?? "", LabelSelector = query["labelSelector"].FirstOrDefault() ?? "" };
        }

        var start = Stopwatch.GetTimestamp();
        AuthorizationDecision decision;
        try
        {
            decision = await authorizer.AuthorizeAsync(attributes, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            observer.Metrics.Access.Authorized(null, Stopwatch.GetElapsedTime(start).TotalSeconds);
            throw;
        }

        observer.Metrics.Access.Authorized(decision.Decision, Stopwatch.GetElapsedTime(start).TotalSeconds);
        record.Decision = decision;
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("{Method} {Path}: user {User} groups [{Groups}] verb {Verb} → {Decision}{Reason}",
                context.Request.Method, info.Path, user.Name, string.Join(",", user.Groups), info.Verb, decision.Decision,
                decision.Reason.Length > 0 ? " (" + decision.Reason + ")" : "");
        }

        if (!decision.Allowed)
        {
            throw ForbiddenMessage.For(attributes, decision.Reason);
        }
    }

    private static string? PinnedName(HttpContext context)
    {
        try
        {
            // Only a name that could be a path segment, as k8s.io/apiserver's RequestInfoFactory takes it.
            var name = Selection.FieldSelector.Parse(context.Request.Query["fieldSelector"].FirstOrDefault()).RequiredValue("metadata.name");
            return name is null or "" or "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('%', StringComparison.Ordinal) ? null : name;
        }
        catch (Selection.SelectorParseException)
        {
            return null; // reported as 400 by the list handler
        }
    }

    private Task ServeNonResourceAsync(HttpContext context, string path, RequestInfo info)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            throw new StatusException(new Status
            {
                Code = 405,
                Reason = "MethodNotAllowed",
                Message = $"the server does not allow this method on the requested resource: {context.Request.Method} {path}",
            });
        }

        if (path == "/version" || path == "/version/")
        {
            return version.HandleAsync(context);
        }

        if (path == "/api" || path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return DiscoveryEndpoint.LegacyAsync(context);
        }

        if (path == "/apis" || path.StartsWith("/apis/", StringComparison.Ordinal))
        {
            return discovery.HandleAsync(context, info.Parts);
        }

        if (path.StartsWith("/openapi/", StringComparison.Ordinal))
        {
            return openApi.HandleAsync(context);
        }

        if (path == MetricsEndpoint.Path)
        {
            return metrics.HandleAsync(context);
        }

        throw ApiErrors.NotFoundPath();
    }

    private Task ServeResourceAsync(HttpContext context, RequestInfo info, UserInfo user, RequestRecord record)
    {
        var served = registry.Find(info.ApiGroup, info.ApiVersion, info.Resource) ?? throw ApiErrors.NotFoundPath();
        record.Served = served;
        var d = served.Definition;
        if ((!d.Namespaced && info.Namespace.Length > 0) || (d.Namespaced && info.Namespace.Length == 0 && info.Name.Length > 0))
        {
            throw ApiErrors.NotFoundPath();
        }

        var verb = info.Verb;
        if (served.Subresources.FirstOrDefault(s => s.Name == info.Subresource) is { } custom)
        {
            return ServeCustomSubresourceAsync(new ApiRequest(context, info, user, served.Store, served.Table, stopping), custom);
        }

        // (resource, subresource) resolves once to a REST storage; the same handlers serve all of them.
        var (storage, table) = info.Subresource switch
        {
            "" => (served.Store, served.Table),
            "status" when served.Status is { } status => (status, served.Table),
            "scale" when served.Scale is { } scale => (scale, ScaleTable),
            _ => throw ApiErrors.NotFoundPath(),
        };
        var verbs = info.Subresource.Length == 0 ? served.Verbs : storage.Verbs;
        if (!verbs.Contains(verb, StringComparer.Ordinal))
        {
            // Not served by this storage (a read-only resource, a subresource's list): no route, as in kube-apiserver.
            throw info.Subresource.Length == 0 ? ApiErrors.MethodNotAllowed() : ApiErrors.MethodNotSupported(d.Group, d.Plural + "/" + info.Subresource, verb);
        }

        var request = new ApiRequest(context, info, user, storage, table, stopping);
        var collectionCreatable = !d.Namespaced || info.Namespace.Length > 0;
        return verb switch
        {
            "get" => ReadHandlers.GetAsync(request),
            "list" => ReadHandlers.ListAsync(request),
            "watch" => WatchHandler.WatchAsync(request),
            "create" when info.Name.Length == 0 && collectionCreatable => WriteHandlers.CreateAsync(request),
            "update" when info.Name.Length > 0 => WriteHandlers.UpdateAsync(request),
            "patch" when info.Name.Length > 0 => PatchHandler.PatchAsync(request),
            "delete" => DeleteHandlers.DeleteAsync(request),
            "deletecollection" when collectionCreatable => DeleteHandlers.DeleteCollectionAsync(request),
            _ => throw ApiErrors.MethodNotSupported(d.Group, d.Plural, verb),
        };
    }

    /// <summary>A subresource served by user code: the object must exist; then its handler answers.</summary>
    private async Task ServeCustomSubresourceAsync(ApiRequest request, Rest.SubresourceDefinition subresource)
    {
        var handler = request.Info.Verb switch
        {
            "get" => subresource.Get,
            "create" => subresource.Create,
            _ => null,
        } ?? throw ApiErrors.MethodNotAllowed();
        if (request.Name.Length == 0)
        {
            throw ApiErrors.NotFoundPath();
        }

        var parent = await request.Rest<Rest.IRestGetter>().GetAsync(request.Namespace, request.Name, request.Aborted).ConfigureAwait(false);
        var call = new Rest.SubresourceRequest(request.Http, request.Namespace, request.Name, (JsonObject)parent.Value.DeepClone(),
            subresource.Kind ?? request.Definition.Kind, request.User, registry, stopping);
        try
        {
            await handler(call).ConfigureAwait(false);
        }
        finally
        {
            call.Release();
        }
    }

    private static async Task WriteErrorAsync(HttpContext context, Status status, RequestRecord record)
    {
        record.Failure = status;
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Headers.Remove("Warning");
        await ResponseWriter.WriteStatusAsync(context, status).ConfigureAwait(false);
    }
}
