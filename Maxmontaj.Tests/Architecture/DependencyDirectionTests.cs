using Maxmontaj.Core.Users;
using Maxmontaj.Data;

namespace Maxmontaj.Tests.Architecture;

/// <summary>Dependencies point one way: Web → Core and Data; Data → Core; Core → no web host, EF provider or messenger SDK.</summary>
public sealed class DependencyDirectionTests
{
    private static string[] ReferencesOf(Type type) =>
        type.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    [Theory]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Microsoft.EntityFrameworkCore.Relational")]
    [InlineData("Microsoft.EntityFrameworkCore.Sqlite")]
    [InlineData("Pomelo")]
    [InlineData("MySqlConnector")]
    [InlineData("Telegram")]
    [InlineData("MailKit")]
    [InlineData("MudBlazor")]
    [InlineData("Maxmontaj.Data")]
    [InlineData("Maxmontaj.Web")]
    public void Core_references_no_host_provider_or_messenger(string forbidden) =>
        Assert.DoesNotContain(ReferencesOf(typeof(ApplicationUser)), name => name.StartsWith(forbidden, StringComparison.Ordinal));

    [Fact]
    public void Data_depends_on_Core_but_not_on_Web()
    {
        var references = ReferencesOf(typeof(MaxmontajDbContext));

        Assert.Contains("Maxmontaj.Core", references);
        Assert.DoesNotContain("Maxmontaj.Web", references);
        Assert.DoesNotContain(references, name => name.StartsWith("MudBlazor", StringComparison.Ordinal));
    }
}
