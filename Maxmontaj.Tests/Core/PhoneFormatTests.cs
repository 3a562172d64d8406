using Maxmontaj.Core.Users;

namespace Maxmontaj.Tests.Core;

public sealed class PhoneFormatTests
{
    [Theory]
    [InlineData("8 (910) 123-45-67")]
    [InlineData("+7 910 1234567")]
    [InlineData("89101234567")]
    [InlineData("+7 (910) 123 45 67")]
    [InlineData("9101234567")]
    public void Normalize_common_russian_formats_give_one_E164_number(string input) =>
        Assert.Equal("+79101234567", PhoneFormat.Normalize(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("not a phone")]
    [InlineData("+7 910 123")]
    public void Normalize_invalid_input_gives_null(string? input) => Assert.Null(PhoneFormat.Normalize(input));

    [Theory]
    [InlineData("+7 916 000-00-01", "+79160000001")]
    [InlineData("8 916 000-00-02", "+79160000002")]
    [InlineData("89160000003", "+79160000003")]
    public void The_demo_phones_in_the_README_are_valid(string typed, string e164) =>
        Assert.Equal(e164, PhoneFormat.Normalize(typed));

    [Fact]
    public void Format_gives_a_readable_international_form() =>
        Assert.Equal("+7 910 123-45-67", PhoneFormat.Format("+79101234567"));
}
