using System.Security.Cryptography;
using System.Text;

namespace ApiBuilder.Runtime.Authentication;

/// <summary>
/// The server's own clients (controllers run in its process) call it over loopback HTTPS with a random
/// token made at start, as kube-apiserver's loopback client does; they are <c>system:apiserver</c> in
/// <c>system:masters</c>. Asked before TokenReview, so the token never leaves the process.
/// </summary>
internal sealed class LoopbackAuthenticator : IAuthenticator
{
    public const string UserName = "system:apiserver";

    private static readonly UserInfo User = new(UserName, null, [UserInfo.SystemPrivilegedGroup], UserInfo.NoExtra);

    private readonly byte[] _token = RandomNumberGenerator.GetBytes(32);

    /// <summary>The bearer token of the loopback client.</summary>
    public string Token => Convert.ToBase64String(_token);

    public ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationRequest request, CancellationToken cancellationToken)
    {
        if (request.BearerToken is not { } presented)
        {
            return ValueTask.FromResult(AuthenticationResult.NoCredentials);
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        var expected = Encoding.UTF8.GetBytes(Token);
        return ValueTask.FromResult(CryptographicOperations.FixedTimeEquals(bytes, expected)
            ? AuthenticationResult.Authenticated(User)
            : AuthenticationResult.NoCredentials);
    }
}
