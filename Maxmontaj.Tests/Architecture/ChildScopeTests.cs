namespace Maxmontaj.Tests.Architecture;

/// <summary>Core opens child DI scopes only through UserScopes, so auditing in them records the acting user (ADR 0015).</summary>
public sealed class ChildScopeTests
{
    [Fact]
    public void Core_opens_child_scopes_only_for_the_acting_user()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Maxmontaj.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var core = Path.Combine(root.FullName, "Maxmontaj.Core");
        var offenders = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && Path.GetFileName(f) != "UserScopes.cs")
            .Where(f => File.ReadAllText(f) is var text && (text.Contains(".CreateAsyncScope()") || text.Contains(".CreateScope()")))
            .Select(f => Path.GetRelativePath(core, f))
            .ToList();

        Assert.Empty(offenders);
        Assert.Contains(Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains(".CreateAsyncScopeFor("));
    }
}
