namespace ApiBuilder.Cli.Scaffolding;

/// <summary>Who a written file belongs to, which decides what a later command may do with it.</summary>
internal enum FileOwner
{
    /// <summary>
    /// apiserver-boot's (e.g. <c>&lt;Kind&gt;.apibuilder.cs</c>, the project files): rewritten while
    /// unedited; an edit that a new version would replace is refused unless --force.
    /// </summary>
    Tool,

    /// <summary>
    /// The user's (e.g. <c>&lt;Kind&gt;.cs</c>, spec, status, conversion, tests): created once, then
    /// refreshed only while the user has not edited it; an edited one is kept, even with --force.
    /// </summary>
    User,
}
