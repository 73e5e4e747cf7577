namespace ApiBuilder.Cli;

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Something the user can fix; the one-line message says how.</summary>
    public const int UserError = 1;

    /// <summary>A failure the tool did not expect (a bug, or the machine misbehaving).</summary>
    public const int Unexpected = 2;
}
