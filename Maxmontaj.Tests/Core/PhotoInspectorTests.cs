using System.Text;
using Maxmontaj.Core.Reports;
using Maxmontaj.Tests.Support;

namespace Maxmontaj.Tests.Core;

public sealed class PhotoInspectorTests
{
    public static TheoryData<string, byte[], string> Images => new()
    {
        { "jpeg", TestImages.Jpeg(), "image/jpeg" },
        { "png", TestImages.Png(), "image/png" },
        { "webp", TestImages.WebP(), "image/webp" },
        { "camera jpeg", TestImages.CameraJpeg(), "image/jpeg" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Each_supported_type_is_recognised_by_its_bytes(string name, byte[] file, string type)
    {
        var check = PhotoInspector.Inspect(file);

        Assert.True(check.IsValid, name);
        Assert.Equal(type, check.ContentType);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void A_truncated_image_is_refused(string name, byte[] file, string type)
    {
        var check = PhotoInspector.Inspect(file.AsSpan(0, file.Length - 3));

        Assert.False(check.IsValid, $"{name} ({type})");
        Assert.Equal(PhotoInspector.Truncated, check.ErrorCode);
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("#!/bin/sh\nrm -rf /\n")]
    [InlineData("GIF89a not supported")]
    [InlineData("")]
    public void Scripts_and_other_files_named_like_photos_are_refused(string content)
    {
        var check = PhotoInspector.Inspect(Encoding.UTF8.GetBytes(content));

        Assert.Equal(PhotoInspector.NotAnImage, check.ErrorCode);
    }

    [Fact]
    public void A_motion_photo_with_a_video_after_the_jpeg_end_marker_is_accepted_as_jpeg()
    {
        var check = PhotoInspector.Inspect(TestImages.MotionPhoto());

        Assert.True(check.IsValid, check.ErrorCode);
        Assert.Equal("image/jpeg", check.ContentType);
    }

    [Fact]
    public void A_jpeg_cut_short_is_refused_although_its_exif_thumbnail_has_an_end_marker()
    {
        Assert.Equal(PhotoInspector.Truncated, PhotoInspector.Inspect(TestImages.CameraJpeg(complete: false)).ErrorCode);
    }

    [Fact]
    public void Heic_is_refused_with_its_own_error_because_browsers_cannot_show_it()
    {
        var check = PhotoInspector.Inspect(TestImages.Heic());

        Assert.False(check.IsValid);
        Assert.Equal(PhotoInspector.Heic, check.ErrorCode);
    }

    [Fact]
    public void A_heif_container_of_another_brand_is_refused()
    {
        var mp4 = TestImages.Heic();
        "isom"u8.CopyTo(mp4.AsSpan(8));

        Assert.Equal(PhotoInspector.NotAnImage, PhotoInspector.Inspect(mp4).ErrorCode);
    }

    [Fact]
    public void A_file_over_15_megabytes_is_refused()
    {
        var big = TestImages.Jpeg((int)PhotoInspector.MaxBytes);

        Assert.Equal(PhotoInspector.TooLarge, PhotoInspector.Inspect(big).ErrorCode);
    }
}
