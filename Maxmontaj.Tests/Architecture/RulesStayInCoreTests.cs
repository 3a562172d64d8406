using System.Text.RegularExpressions;

namespace Maxmontaj.Tests.Architecture;

/// <summary>
/// Components display what Core decides (docs/architecture.md, "Where each rule lives"). Two kinds of rule are cheap to
/// spot in a component's source and are refused here: reading the clock (overdue, today, periods are time rules) and
/// comparing an order's status (which actions or groups exist per status are transition rules).
/// </summary>
public sealed partial class RulesStayInCoreTests
{
    /// <summary>
    /// Components allowed an exception, each with its reason. Keep it short; an entry is a debt, not a licence.
    /// </summary>
    private static readonly Dictionary<string, string> Exceptions = new()
    {
        // The static sign-in form stamps the account's last sign-in time: a record of what happened, not a decision.
        ["Pages/Account/Login.razor"] = "clock",
    };

    [GeneratedRegex(@"\.GetUtcNow\(|\.GetLocalNow\(|\bDateTime(Offset)?\.(Now|UtcNow|Today)\b")]
    private static partial Regex ClockRead();

    [GeneratedRegex(@"\bOrderStatus\.\w+\s*[=!]=|[=!]=\s*OrderStatus\.|\bis\s+(not\s+)?\(?\s*OrderStatus\.")]
    private static partial Regex StatusComparison();

    public static TheoryData<string> Components()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(ComponentsFolder, "*.razor*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".razor.cs", StringComparison.Ordinal)))
        {
            data.Add(Path.GetRelativePath(ComponentsFolder, file).Replace('\\', '/'));
        }

        return data;
    }

    [Fact]
    public void The_components_are_found() => Assert.True(Directory.EnumerateFiles(ComponentsFolder, "*.razor", SearchOption.AllDirectories).Count() > 40);

    [Theory]
    [MemberData(nameof(Components))]
    public void A_component_neither_reads_the_clock_nor_compares_order_statuses(string component)
    {
        var lines = File.ReadAllLines(Path.Combine(ComponentsFolder, component));
        var exception = Exceptions.GetValueOrDefault(component);

        var found = lines.Select((text, index) => (text, line: index + 1))
            .Where(l => (exception != "clock" && ClockRead().IsMatch(l.text)) || (exception != "status" && StatusComparison().IsMatch(l.text)))
            .Select(l => $"{component}:{l.line}: {l.text.Trim()}")
            .ToList();

        Assert.True(found.Count == 0, "Move the rule into Core and display its result:\n" + string.Join("\n", found));
    }

    private static string ComponentsFolder { get; } = FindComponents();

    private static string FindComponents()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "Maxmontaj.Web", "Components");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Maxmontaj.Web/Components was not found above " + AppContext.BaseDirectory);
    }
}
