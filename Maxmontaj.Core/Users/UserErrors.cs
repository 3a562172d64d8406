using Maxmontaj.Core.Common;

namespace Maxmontaj.Core.Users;

/// <summary>Error codes of user management; the Web layer owns their wording.</summary>
public static class UserErrors
{
    public static Error FullNameRequired => new("User.FullNameRequired", nameof(UserEditModel.FullName));
    public static Error FullNameTooLong => new("User.FullNameTooLong", nameof(UserEditModel.FullName));
    public static Error EmailOrPhoneRequired => new("User.EmailOrPhoneRequired", nameof(UserEditModel.Email));
    public static Error EmailInvalid => new("User.EmailInvalid", nameof(UserEditModel.Email));
    public static Error EmailTaken => new("User.EmailTaken", nameof(UserEditModel.Email));
    public static Error PhoneInvalid => new("User.PhoneInvalid", nameof(UserEditModel.PhoneNumber));
    public static Error PhoneTaken => new("User.PhoneTaken", nameof(UserEditModel.PhoneNumber));
    public static Error RoleRequired => new("User.RoleRequired", nameof(UserEditModel.Roles));
    public static Error RoleNotAllowed => new("User.RoleNotAllowed", nameof(UserEditModel.Roles));
    public static Error DistrictTooLong => new("User.DistrictTooLong", nameof(UserEditModel.District));
    public static Error SkillUnknown => new("User.SkillUnknown", nameof(UserEditModel.SkillIds));
    public static Error PasswordRequired => new("User.PasswordRequired", nameof(UserEditModel.Password));
    public static Error CannotChangeSelf => new("User.CannotChangeSelf");
    public static Error HasHistory => new("User.HasHistory");

    /// <summary>A password rule from Identity (PasswordTooShort, PasswordRequiresDigit, ...).</summary>
    public static Error Password(string identityCode) => new($"Identity.{identityCode}", nameof(UserEditModel.Password));
}
