using System.Security.Cryptography;
using System.Text;
using ApiBuilder.Runtime.Cluster;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Authentication;

/// <summary>
/// Bearer tokens, checked by a TokenReview against kube-apiserver (k8s.io/apiserver's webhook token
/// authenticator in delegating mode). Accepted tokens are remembered for <paramref name="successTtl"/>
/// (<c>--authentication-token-webhook-cache-ttl</c>), keyed by the token's SHA-256; rejections and
/// errors are not cached, as in Kubernetes. An unreachable kube-apiserver means 401, never a user.
/// </summary>
internal sealed class TokenReviewAuthenticator(IKubernetes cluster, TimeSpan successTtl, TimeProvider time, ILogger logger) : IAuthenticator
{
    private readonly ExpiringCache<string, UserInfo> _accepted = new(time);

    public async ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.BearerToken))
        {
            return AuthenticationResult.NoCredentials;
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request.BearerToken)));
        if (_accepted.TryGet(key, out var known))
        {
            return AuthenticationResult.Authenticated(known);
        }

        V1TokenReview review;
        try
        {
            review = await ClusterCalls.WithRetryAsync(
                ct => cluster.AuthenticationV1.CreateTokenReviewAsync(
                    new V1TokenReview { ApiVersion = "authentication.k8s.io/v1", Kind = "TokenReview", Spec = new V1TokenReviewSpec { Token = request.BearerToken } },
                    cancellationToken: ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ClusterCalls.IsFailure(e, cancellationToken))
        {
            logger.LogWarning("TokenReview failed, the request is unauthorized: {Reason}", ClusterCalls.Describe(e));
            return AuthenticationResult.Failed("token review failed: " + ClusterCalls.Describe(e));
        }

        if (review.Status is not { Authenticated: true, User.Username: { Length: > 0 } name } status)
        {
            var error = review.Status?.Error;
            return AuthenticationResult.Failed(string.IsNullOrEmpty(error) ? "token not authenticated by TokenReview" : "token not authenticated: " + error);
        }

        var user = new UserInfo(
            name,
            string.IsNullOrEmpty(status.User.Uid) ? null : status.User.Uid,
            [.. status.User.Groups ?? []],
            status.User.Extra?.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)[.. e.Value ?? []], StringComparer.Ordinal) ?? UserInfo.NoExtra);
        _accepted.Add(key, user, successTtl);
        return AuthenticationResult.Authenticated(user);
    }
}
