using System.Text.RegularExpressions;
using Paginate.Engine.Scripting;
using Paginate.Engine.Scripting.Runtime;
using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Tests.Scripting;

/// <summary>Keeps docs/script-paging.md true: every script and every example in its tables parses.</summary>
public partial class ScriptDocsTests
{
    // Names the table examples use without declaring them.
    private const string Prelude = "var next = null; var cursor = null; var page = 1; var lastItem = \"{}\"; var vars = \"{}\"; var remaining = 2;\n";

    private static string Docs()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "script-paging.md")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return File.ReadAllText(Path.Combine(directory.FullName, "docs", "script-paging.md"));
    }

    /// <summary>Fenced blocks without a language tag: the scripts (others are tagged json or text).</summary>
    private static List<string> ScriptBlocks(string markdown)
    {
        var blocks = new List<string>();
        string? tag = null;
        var current = new List<string>();
        foreach (string line in markdown.Split('\n'))
        {
            if (!line.StartsWith("```", StringComparison.Ordinal))
            {
                current.Add(line);
                continue;
            }

            if (tag is null)
            {
                tag = line[3..].Trim();
                current.Clear();
            }
            else
            {
                if (tag.Length == 0)
                {
                    blocks.Add(string.Join('\n', current));
                }

                tag = null;
            }
        }

        return blocks;
    }

    [GeneratedRegex(@"^\| `@[^|]*\| .*?\| `(.+?)` \|$", RegexOptions.Multiline)]
    private static partial Regex TableExample();

    [Fact]
    public void EveryScriptBlock_Parses()
    {
        var blocks = ScriptBlocks(Docs());
        Assert.True(blocks.Count >= 12, $"found only {blocks.Count} script blocks");
        foreach (string block in blocks)
        {
            Assert.True(ScriptProgram.TryParse(block, out _, out var error), $"{error}\n{block}");
        }
    }

    [Fact]
    public void EveryTableExample_Parses()
    {
        var examples = TableExample().Matches(Docs()).Select(m => m.Groups[1].Value.Replace("\\|", "|", StringComparison.Ordinal)).ToList();
        Assert.True(examples.Count >= 25, $"found only {examples.Count} table examples");
        foreach (string example in examples)
        {
            Assert.True(ScriptProgram.TryParse(Prelude + example, out _, out var error), $"{error}\n{example}");
        }
    }
}
