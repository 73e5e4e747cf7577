using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.Authorization;

/// <summary>
/// Asks authorizers in order (k8s.io/apiserver's <c>union</c> authorizer): the first Allow or Deny wins.
/// When none decides, the request is forbidden with their reasons; when one failed, it is an internal
/// error instead (500, as the generic apiserver answers), so a broken authorizer never lets a request through.
/// </summary>
internal sealed class UnionAuthorizer(IReadOnlyList<IAuthorizer> authorizers) : IAuthorizer
{
    public async ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationAttributes attributes, CancellationToken cancellationToken)
    {
        List<string>? reasons = null;
        List<string>? errors = null;
        foreach (var authorizer in authorizers)
        {
            AuthorizationDecision decision;
            try
            {
                decision = await authorizer.AuthorizeAsync(attributes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                (errors ??= []).Add(e is AuthorizationException ? e.Message : $"{authorizer.GetType().Name}: {e.Message}");
                continue;
            }

            if (decision.Decision != Decision.NoOpinion)
            {
                return decision;
            }

            if (decision.Reason.Length > 0)
            {
                (reasons ??= []).Add(decision.Reason);
            }
        }

        if (errors is not null)
        {
            throw ApiErrors.Internal("authorization failed: " + string.Join("; ", errors));
        }

        return AuthorizationDecision.Deny(reasons is null ? "" : string.Join(", ", reasons));
    }
}

/// <summary>An authorizer could not decide, e.g. kube-apiserver did not answer a SubjectAccessReview.</summary>
internal sealed class AuthorizationException(string message, Exception? inner = null) : Exception(message, inner);
