using System.Collections.Frozen;
using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Maxmontaj.Web.Security;

/// <summary>
/// Refuses passwords from the list shipped with the app (common-passwords.txt: leaked-list favourites, keyboard walks,
/// years, Russian words and their transliterations), also when only dressed up with digits or symbols around them
/// ("Password-2026!"). The length rule is Identity's own (<see cref="IdentitySetup.MinPasswordLength"/>).
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const string ErrorCode = "PasswordCommon";

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password) =>
        Task.FromResult(IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = "The password is too common." })
            : IdentityResult.Success);

    public static bool IsCommon(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return false;
        }

        var lower = password.Trim().ToLowerInvariant();
        var core = lower.Trim(DressUp);
        return Common.Value.Contains(lower) || (core.Length >= 4 && Common.Value.Contains(core));
    }

    private static readonly char[] DressUp = "0123456789!@#$%^&*()_-+=.,;:?~'\"/\\|<>[]{} ".ToCharArray();

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Maxmontaj.Web.Security.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
