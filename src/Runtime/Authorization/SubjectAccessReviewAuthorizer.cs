using ApiBuilder.Runtime.Cluster;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Authorization;

/// <summary>
/// Delegates every decision to the cluster with a SubjectAccessReview (k8s.io/apiserver's webhook
/// authorizer in delegating mode): the cluster's RBAC decides, exactly as it did at kube-apiserver.
/// Answers are cached per review spec for <c>--authorization-webhook-cache-authorized-ttl</c> and
/// <c>--authorization-webhook-cache-unauthorized-ttl</c>. When kube-apiserver cannot be asked the
/// request fails (500), it is never allowed.
/// </summary>
internal sealed class SubjectAccessReviewAuthorizer(
    IKubernetes cluster, TimeSpan allowedTtl, TimeSpan deniedTtl, TimeProvider time, ILogger logger) : IAuthorizer
{
    private readonly ExpiringCache<string, AuthorizationDecision> _answers = new(time);

    public async ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationAttributes attributes, CancellationToken cancellationToken)
    {
        var spec = Spec(attributes);
        var key = KubernetesJson.Serialize(spec);
        if (_answers.TryGet(key, out var cached))
        {
            return cached;
        }

        V1SubjectAccessReview review;
        try
        {
            review = await ClusterCalls.WithRetryAsync(
                ct => cluster.AuthorizationV1.CreateSubjectAccessReviewAsync(
                    new V1SubjectAccessReview { ApiVersion = "authorization.k8s.io/v1", Kind = "SubjectAccessReview", Spec = spec },
                    cancellationToken: ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ClusterCalls.IsFailure(e, cancellationToken))
        {
            logger.LogWarning("SubjectAccessReview for {User} failed, the request is refused: {Reason}", attributes.User.Name, ClusterCalls.Describe(e));
            throw new AuthorizationException("SubjectAccessReview failed: " + ClusterCalls.Describe(e), e);
        }

        var status = review.Status;
        if (!string.IsNullOrEmpty(status?.EvaluationError))
        {
            logger.LogWarning("SubjectAccessReview for {User} reported an evaluation error: {Error}", attributes.User.Name, status.EvaluationError);
        }

        var reason = status?.Reason ?? "";
        AuthorizationDecision decision;
        if (status?.Allowed == true)
        {
            decision = new AuthorizationDecision(Decision.Allow, reason);
            _answers.Add(key, decision, allowedTtl);
        }
        else
        {
            decision = status?.Denied == true ? AuthorizationDecision.Deny(reason) : new AuthorizationDecision(Decision.NoOpinion, reason);
            _answers.Add(key, decision, deniedTtl);
        }

        return decision;
    }

    /// <summary>
    /// The review kube-apiserver's webhook authorizer would send for these attributes: empty fields are
    /// left out (Go's <c>omitempty</c>), so a cluster-scoped or unnamed request carries no namespace or name.
    /// </summary>
    internal static V1SubjectAccessReviewSpec Spec(AuthorizationAttributes a)
    {
        var user = a.User;
        var spec = new V1SubjectAccessReviewSpec
        {
            User = user.Name,
            Uid = string.IsNullOrEmpty(user.Uid) ? null : user.Uid,
            Groups = user.Groups.Count == 0 ? null : [.. user.Groups],
            Extra = user.Extra.Count == 0 ? null : user.Extra.ToDictionary(e => e.Key, e => (IList<string>)[.. e.Value], StringComparer.Ordinal),
        };
        if (a.IsResourceRequest)
        {
            spec.ResourceAttributes = new V1ResourceAttributes
            {
                NamespaceProperty = OrNull(a.Namespace),
                Verb = a.Verb,
                Group = OrNull(a.ApiGroup),
                Version = OrNull(a.ApiVersion),
                Resource = OrNull(a.Resource),
                Subresource = OrNull(a.Subresource),
                Name = OrNull(a.Name),
                FieldSelector = FieldRequirements(a.FieldSelector) is { } fields ? new V1FieldSelectorAttributes { Requirements = fields } : null,
                LabelSelector = LabelRequirements(a.LabelSelector) is { } labels ? new V1LabelSelectorAttributes { Requirements = labels } : null,
            };
        }
        else
        {
            spec.NonResourceAttributes = new V1NonResourceAttributes { Path = a.Path, Verb = a.Verb };
        }

        return spec;
    }

    private static string? OrNull(string value) => value.Length == 0 ? null : value;

    /// <summary>
    /// The webhook authorizer's field requirements: <c>=</c> and <c>==</c> become <c>In</c>, <c>!=</c> becomes
    /// <c>NotIn</c>. A selector that does not parse adds nothing: the review then asks about the whole collection.
    /// </summary>
    private static List<V1FieldSelectorRequirement>? FieldRequirements(string selector)
    {
        if (selector.Length == 0)
        {
            return null;
        }

        try
        {
            var requirements = Selection.FieldSelector.Parse(selector).Requirements.Select(r => new V1FieldSelectorRequirement
            {
                Key = r.Field,
                OperatorProperty = r.Operator == Selection.FieldSelectorOperator.Equals ? "In" : "NotIn",
                Values = [r.Value],
            }).ToList();
            return requirements.Count == 0 ? null : requirements;
        }
        catch (Selection.SelectorParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// The webhook authorizer's label requirements, sorted by key with sorted values: equality and <c>in</c>
    /// become <c>In</c>, inequality and <c>notin</c> <c>NotIn</c>, and <c>Exists</c> and <c>DoesNotExist</c> stay;
    /// <c>gt</c> and <c>lt</c> are left out (requirements are ANDed, so leaving one out only asks about more).
    /// </summary>
    private static List<V1LabelSelectorRequirement>? LabelRequirements(string selector)
    {
        if (selector.Length == 0)
        {
            return null;
        }

        try
        {
            var requirements = new List<V1LabelSelectorRequirement>();
            foreach (var r in Selection.LabelSelector.Parse(selector).Requirements)
            {
                var op = r.Operator switch
                {
                    Selection.LabelSelectorOperator.Equals or Selection.LabelSelectorOperator.DoubleEquals or Selection.LabelSelectorOperator.In => "In",
                    Selection.LabelSelectorOperator.NotEquals or Selection.LabelSelectorOperator.NotIn => "NotIn",
                    Selection.LabelSelectorOperator.Exists => "Exists",
                    Selection.LabelSelectorOperator.DoesNotExist => "DoesNotExist",
                    _ => null,
                };
                if (op is not null)
                {
                    requirements.Add(new V1LabelSelectorRequirement { Key = r.Key, OperatorProperty = op, Values = r.Values.Count == 0 ? null : [.. r.Values] });
                }
            }

            return requirements.Count == 0 ? null : requirements;
        }
        catch (Selection.SelectorParseException)
        {
            return null;
        }
    }
}
