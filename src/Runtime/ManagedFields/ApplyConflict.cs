using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>A field an apply would change that another manager owns.</summary>
internal readonly record struct ApplyConflict(ManagerKey Manager, IReadOnlyList<PathElement> Path)
{
    /// <summary>
    /// 409 Conflict as kube-apiserver answers it: <c>Apply failed with 1 conflict: conflict with "m" using v1: .spec.x</c>,
    /// or the conflicts grouped by manager, with one cause of type FieldManagerConflict per field.
    /// </summary>
    public static StatusException ToStatus(IReadOnlyList<ApplyConflict> conflicts)
    {
        var ordered = conflicts.OrderBy(c => c.Manager.Describe(), StringComparer.Ordinal).ToList();
        var causes = ordered.Select(c => new StatusCause("FieldManagerConflict", "conflict with " + c.Manager.Describe(), FieldSet.Print(c.Path))).ToList();
        string message;
        if (ordered.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {ordered[0].Manager.Describe()}: {FieldSet.Print(ordered[0].Path)}";
        }
        else
        {
            var lines = new List<string>();
            foreach (var group in ordered.GroupBy(c => c.Manager.Describe()))
            {
                lines.Add($"conflicts with {group.Key}:");
                lines.AddRange(group.Select(c => "- " + FieldSet.Print(c.Path)));
            }

            message = $"Apply failed with {ordered.Count} conflicts: {string.Join("\n", lines)}";
        }

        return ApiErrors.ApplyConflict(message, causes);
    }
}
