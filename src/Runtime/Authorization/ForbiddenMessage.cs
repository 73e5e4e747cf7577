using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.Authorization;

/// <summary>The 403 Status kube-apiserver writes when authorization denies a request.</summary>
internal static class ForbiddenMessage
{
    public static StatusException For(AuthorizationAttributes a, string reason)
    {
        var suffix = string.IsNullOrEmpty(reason) ? "" : ": " + reason;
        if (!a.IsResourceRequest)
        {
            return ApiErrors.ForbiddenMessage($"forbidden: User \"{a.User.Name}\" cannot {a.Verb} path \"{a.Path}\"{suffix}");
        }

        var resource = a.Subresource.Length > 0 ? a.Resource + "/" + a.Subresource : a.Resource;
        var qualified = a.ApiGroup.Length > 0 ? a.Resource + "." + a.ApiGroup : a.Resource;
        var subject = a.Name.Length > 0 ? $"{qualified} \"{a.Name}\"" : qualified;
        var scope = a.Namespace.Length > 0 ? $"in the namespace \"{a.Namespace}\"" : "at the cluster scope";
        var message = $"{subject} is forbidden: User \"{a.User.Name}\" cannot {a.Verb} resource \"{resource}\" in API group \"{a.ApiGroup}\" {scope}{suffix}";
        return new StatusException(new Status
        {
            Code = 403,
            Reason = "Forbidden",
            Message = message,
            Details = new StatusDetails { Name = a.Name, Group = a.ApiGroup, Kind = a.Resource },
        });
    }
}
