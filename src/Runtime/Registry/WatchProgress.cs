using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Registry;

/// <summary>
/// An event of a watch that only moves its revision on (a bookmark from user storage): the watch handler
/// sends no frame for it, but resumes and bookmarks from its revision.
/// </summary>
internal static class WatchProgress
{
    private static readonly StoredObject Marker = new("", [], 0);

    public static StorageEvent At(long revision) => new(StorageEventType.Modified, new StoredObject("", new JsonObject(), revision), Marker);

    public static bool Is(StorageEvent e) => ReferenceEquals(e.Previous, Marker);
}
