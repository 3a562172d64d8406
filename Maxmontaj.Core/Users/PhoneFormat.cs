using PhoneNumbers;

namespace Maxmontaj.Core.Users;

/// <summary>Brings every way people write a phone number to one E.164 form, so one number is one account.</summary>
public static class PhoneFormat
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The default region for numbers written without a country code (8 910 ... in Russia).</summary>
    public const string DefaultRegion = "RU";

    /// <summary>Returns the E.164 form (+79101234567), or null when the text is not a valid phone number.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32)
        {
            return null;
        }

        try
        {
            var number = Util.Parse(input, DefaultRegion);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>A readable international form for display (+7 910 123-45-67); the input when it cannot be parsed.</summary>
    public static string Format(string? e164)
    {
        if (string.IsNullOrEmpty(e164))
        {
            return "";
        }

        try
        {
            return Util.Format(Util.Parse(e164, DefaultRegion), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
