namespace ApiBuilder.Runtime.Client;

/// <summary>The type of a watch event.</summary>
public enum WatchEventType
{
    /// <summary><c>ADDED</c>: an object was created (or is part of the initial state).</summary>
    Added,

    /// <summary><c>MODIFIED</c>: an object changed.</summary>
    Modified,

    /// <summary><c>DELETED</c>: an object was removed.</summary>
    Deleted,

    /// <summary><c>BOOKMARK</c>: only the resource version moved on; the object carries nothing else.</summary>
    Bookmark,
}
