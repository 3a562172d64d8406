using Maxmontaj.Core.Reports;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Components.Shared;
using Microsoft.AspNetCore.Components.Forms;

namespace Maxmontaj.Tests.Components;

/// <summary>Uploads are capped as they are added: count and bytes, without trusting the size the browser claims.</summary>
public sealed class AttachedPhotosTests
{
    /// <summary>A picked file: <paramref name="claimed"/> is what the browser says, <paramref name="content"/> what it sends.</summary>
    private sealed class PickedFile(byte[] content, long? claimed = null) : IBrowserFile
    {
        public int Opened { get; private set; }
        public long BytesRead { get; private set; }

        public string Name => "photo.jpg";
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public long Size => claimed ?? content.Length;
        public string ContentType => "image/jpeg";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default)
        {
            Opened++;
            return new Counting(new MemoryStream(content), n => BytesRead += n);
        }

        private sealed class Counting(Stream inner, Action<int> read) : Stream
        {
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count)
            {
                var n = inner.Read(buffer, offset, count);
                read(n);
                return n;
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }

    [Fact]
    public async Task Files_past_ten_are_refused_as_added_and_never_read()
    {
        var photos = new AttachedPhotos();
        var files = Enumerable.Range(0, 12).Select(_ => new PickedFile(TestImages.Jpeg())).ToList();

        await photos.MirrorAsync(files);

        Assert.Equal(10, photos.Count);
        Assert.Equal(AttachedPhotos.TooManyAttached, photos.RefusedCode);
        Assert.All(files.Take(10), f => Assert.Equal(1, f.Opened));
        Assert.All(files.Skip(10), f => Assert.Equal(0, f.Opened));
    }

    [Fact]
    public async Task A_file_claiming_more_than_15_MB_is_refused_without_being_read()
    {
        var photos = new AttachedPhotos();
        var big = new PickedFile([], claimed: PhotoInspector.MaxBytes + 1);

        await photos.MirrorAsync([big]);

        Assert.Equal(0, photos.Count);
        Assert.Equal(PhotoInspector.TooLarge, photos.RefusedCode);
        Assert.Equal(0, big.Opened);
    }

    [Fact]
    public async Task A_file_that_lies_about_its_size_is_cut_off_at_15_MB()
    {
        var photos = new AttachedPhotos();
        var liar = new PickedFile(new byte[PhotoInspector.MaxBytes + 5 * 1024 * 1024], claimed: 100);

        await photos.MirrorAsync([liar]);

        Assert.Equal(0, photos.Count);
        Assert.Equal(PhotoInspector.TooLarge, photos.RefusedCode);
        Assert.True(liar.BytesRead <= PhotoInspector.MaxBytes + 64 * 1024, $"read {liar.BytesRead} bytes");
    }

    [Fact]
    public async Task Removing_files_keeps_the_rest_and_clears_the_refusal()
    {
        var photos = new AttachedPhotos();
        var files = Enumerable.Range(0, 11).Select(_ => new PickedFile(TestImages.Jpeg())).ToList();
        await photos.MirrorAsync(files);

        await photos.MirrorAsync(files.Take(3).ToList());

        Assert.Equal(3, photos.Count);
        Assert.Null(photos.RefusedCode);
        Assert.All(files.Take(3), f => Assert.Equal(1, f.Opened));
    }
}
