namespace ApiBuilder.Runtime.Authentication;

/// <summary>An authenticated (or anonymous) user, as k8s.io/apiserver's <c>user.Info</c>.</summary>
/// <param name="Name">The user name, e.g. <c>jane</c> or <c>system:serviceaccount:ns:sa</c>.</param>
/// <param name="Uid">A unique id, when the authenticator knows one.</param>
/// <param name="Groups">The groups, in the order the authenticator found them.</param>
/// <param name="Extra">Extra attributes (keys lowercase), sent on to SubjectAccessReview.</param>
public sealed record UserInfo(
    string Name,
    string? Uid,
    IReadOnlyList<string> Groups,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    /// <summary>Group of every authenticated user (<c>user.AllAuthenticated</c>).</summary>
    public const string AllAuthenticated = "system:authenticated";

    /// <summary>Group of the anonymous user (<c>user.AllUnauthenticated</c>).</summary>
    public const string AllUnauthenticated = "system:unauthenticated";

    /// <summary>Name of the anonymous user (<c>user.Anonymous</c>).</summary>
    public const string Anonymous = "system:anonymous";

    /// <summary>The superuser group that authorization always allows (<c>user.SystemPrivilegedGroup</c>).</summary>
    public const string SystemPrivilegedGroup = "system:masters";

    /// <summary>An empty <see cref="Extra"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> NoExtra { get; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The user requests are attributed to when they carry no credentials and anonymous access is on.</summary>
    public static UserInfo AnonymousUser { get; } = new(Anonymous, null, [AllUnauthenticated], NoExtra);
}
