namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>
/// A set of field paths (structured-merge-diff's <c>fieldpath.Set</c>) as a tree: each node stands for the path
/// from the root to it, is a member when that path itself is in the set, and has children for longer paths.
/// The root is the empty path and never a member. Nodes without members below them are removed.
/// </summary>
internal sealed class FieldSet
{
    private Dictionary<PathElement, FieldSet>? children;

    /// <summary>Whether the path of this node is in the set.</summary>
    public bool IsMember { get; private set; }

    public bool IsEmpty => !IsMember && (children is null || children.Count == 0);

    public IReadOnlyDictionary<PathElement, FieldSet> Children =>
        (IReadOnlyDictionary<PathElement, FieldSet>?)children ?? EmptyChildren;

    private static readonly Dictionary<PathElement, FieldSet> EmptyChildren = [];

    public FieldSet? Child(PathElement element) => children is not null && children.TryGetValue(element, out var child) ? child : null;

    /// <summary>The node of <paramref name="element"/>, created when missing.</summary>
    public FieldSet Descend(PathElement element)
    {
        children ??= [];
        if (!children.TryGetValue(element, out var child))
        {
            child = new FieldSet();
            children[element] = child;
        }

        return child;
    }

    /// <summary>Makes the path of this node a member.</summary>
    public void MarkMember() => IsMember = true;

    public void Insert(IReadOnlyList<PathElement> path)
    {
        var node = this;
        foreach (var element in path)
        {
            node = node.Descend(element);
        }

        node.IsMember = true;
    }

    public bool Has(IReadOnlyList<PathElement> path)
    {
        var node = this;
        foreach (var element in path)
        {
            node = node.Child(element);
            if (node is null)
            {
                return false;
            }
        }

        return node.IsMember;
    }

    public FieldSet Clone()
    {
        var copy = new FieldSet { IsMember = IsMember };
        if (children is not null)
        {
            copy.children = new Dictionary<PathElement, FieldSet>(children.Count);
            foreach (var (element, child) in children)
            {
                copy.children[element] = child.Clone();
            }
        }

        return copy;
    }

    /// <summary>Adds every path of <paramref name="other"/>.</summary>
    public void UnionWith(FieldSet other)
    {
        IsMember |= other.IsMember;
        foreach (var (element, child) in other.Children)
        {
            Descend(element).UnionWith(child);
        }
    }

    public static FieldSet Union(FieldSet a, FieldSet b)
    {
        var result = a.Clone();
        result.UnionWith(b);
        return result;
    }

    /// <summary>Removes the paths that are in <paramref name="other"/> (paths below them stay unless also in it).</summary>
    public void ExceptWith(FieldSet other)
    {
        if (other.IsMember)
        {
            IsMember = false;
        }

        if (children is null)
        {
            return;
        }

        foreach (var (element, child) in other.Children)
        {
            if (children.TryGetValue(element, out var mine))
            {
                mine.ExceptWith(child);
                if (mine.IsEmpty)
                {
                    children.Remove(element);
                }
            }
        }
    }

    public static FieldSet Difference(FieldSet a, FieldSet b)
    {
        var result = a.Clone();
        result.ExceptWith(b);
        return result;
    }

    /// <summary>The paths in both sets.</summary>
    public static FieldSet Intersection(FieldSet a, FieldSet b)
    {
        var result = new FieldSet { IsMember = a.IsMember && b.IsMember };
        foreach (var (element, child) in a.Children)
        {
            if (b.Child(element) is { } other)
            {
                var both = Intersection(child, other);
                if (!both.IsEmpty)
                {
                    (result.children ??= [])[element] = both;
                }
            }
        }

        return result;
    }

    /// <summary>Removes the members of <paramref name="other"/> and everything below them (<c>RecursiveDifference</c>).</summary>
    public void ExceptRecursively(FieldSet other)
    {
        if (children is null)
        {
            return;
        }

        foreach (var (element, child) in other.Children)
        {
            if (!children.TryGetValue(element, out var mine))
            {
                continue;
            }

            if (child.IsMember)
            {
                children.Remove(element);
                continue;
            }

            mine.ExceptRecursively(child);
            if (mine.IsEmpty)
            {
                children.Remove(element);
            }
        }
    }

    /// <summary>Keeps only the subtrees whose first element <paramref name="keep"/> accepts.</summary>
    public void KeepTopLevel(Func<PathElement, bool> keep)
    {
        if (children is null)
        {
            return;
        }

        foreach (var element in children.Keys.Where(e => !keep(e)).ToList())
        {
            children.Remove(element);
        }
    }

    /// <summary>Every member path, in structured-merge-diff's order.</summary>
    public IEnumerable<IReadOnlyList<PathElement>> Paths()
    {
        var prefix = new List<PathElement>();
        return Walk(this, prefix);

        static IEnumerable<IReadOnlyList<PathElement>> Walk(FieldSet node, List<PathElement> prefix)
        {
            if (node.IsMember)
            {
                yield return prefix.ToArray();
            }

            foreach (var (element, child) in node.Children.OrderBy(c => c.Key))
            {
                prefix.Add(element);
                foreach (var path in Walk(child, prefix))
                {
                    yield return path;
                }

                prefix.RemoveAt(prefix.Count - 1);
            }
        }
    }

    /// <summary>A path as Kubernetes prints it, e.g. <c>.spec.containers[name="a"].image</c>.</summary>
    public static string Print(IReadOnlyList<PathElement> path) => string.Concat(path.Select(e => e.ToString()));
}
