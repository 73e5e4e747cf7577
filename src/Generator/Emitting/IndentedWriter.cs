using System;
using System.Text;

namespace ApiBuilder.Generator.Emitting
{
    /// <summary>Writes C# line by line with four-space indentation; braces open and close blocks.</summary>
    internal sealed class IndentedWriter
    {
        private readonly StringBuilder text = new();
        private int depth;

        public IndentedWriter Line(string line = "")
        {
            foreach (var part in line.Split('\n'))
            {
                if (part.Length > 0)
                {
                    text.Append(' ', depth * 4);
                }

                text.Append(part.TrimEnd('\r')).Append('\n');
            }

            return this;
        }

        public IndentedWriter Open(string line = "{")
        {
            Line(line);
            depth++;
            return this;
        }

        public IndentedWriter Close(string line = "}")
        {
            depth = Math.Max(0, depth - 1);
            return Line(line);
        }

        public override string ToString() => text.ToString();
    }
}
