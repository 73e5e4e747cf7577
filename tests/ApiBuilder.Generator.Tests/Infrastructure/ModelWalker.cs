using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace ApiBuilder.Generator.Tests.Infrastructure;

/// <summary>Walks an object graph and reports any Roslyn object a cached model must not hold.</summary>
internal static class ModelWalker
{
    public static IEnumerable<string> ForbiddenObjects(object? root, string path)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(object? Value, string Path)>();
        stack.Push((root, path));
        while (stack.Count > 0)
        {
            var (value, at) = stack.Pop();
            if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
            {
                continue;
            }

            if (value is ISymbol or SyntaxNode or Compilation or SemanticModel or Location or SyntaxTree)
            {
                yield return $"{at}: {value.GetType().Name}";
                continue;
            }

            if (!value.GetType().IsValueType && !visited.Add(value))
            {
                continue;
            }

            if (value is IEnumerable items)
            {
                var i = 0;
                foreach (var item in items)
                {
                    stack.Push((item, $"{at}[{i++}]"));
                }

                continue;
            }

            foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                stack.Push((field.GetValue(value), $"{at}.{field.Name}"));
            }
        }
    }
}
