namespace ApiBuilder.Cli;

/// <summary>
/// A problem the user can fix: printed as one line, "error: &lt;reason&gt;. &lt;fix&gt;", with exit code 1.
/// </summary>
internal sealed class UserError(string reason, string fix) : Exception(reason + ". " + fix)
{
    public string Reason { get; } = reason;

    public string Fix { get; } = fix;
}
