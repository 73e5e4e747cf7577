namespace ApiBuilder.Cli.Scaffolding;

/// <summary>What happens to one planned file.</summary>
internal enum FileChange
{
    /// <summary>New file.</summary>
    Create,

    /// <summary>Unchanged since generated, and the new rendering differs: rewritten.</summary>
    Update,

    /// <summary>Already exactly as rendered.</summary>
    Unchanged,

    /// <summary>Edited by the user, and the rendering is what was generated before: the user's version stays.</summary>
    KeepEdited,

    /// <summary>The user's file (<see cref="FileOwner.User"/>), edited, and the rendering differs: the user's version stays, always.</summary>
    KeepYours,

    /// <summary>A file of apiserver-boot's edited by the user (or not made by apiserver-boot), and the rendering differs: refused without --force.</summary>
    Conflict,

    /// <summary>A conflict overwritten because of --force.</summary>
    Overwrite,
}
