using Maxmontaj.Core.Common;
using Maxmontaj.Core.Reports;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Web;

/// <summary>The words a user sees when a photo is refused, through the app's resources.</summary>
public sealed class PhotoMessageTests : BunitTestBase
{
    [Fact]
    public void A_refused_heic_photo_tells_the_user_in_russian_to_save_it_as_jpeg()
    {
        var text = Services.GetRequiredService<ErrorText>().For(new Error(PhotoInspector.Inspect(TestImages.Heic()).ErrorCode!));

        Assert.StartsWith("Формат HEIC не поддерживается браузерами. Сохраните фото как JPEG", text);
    }
}
