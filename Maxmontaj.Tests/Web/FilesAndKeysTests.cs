using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Maxmontaj.Core.Reports;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;

namespace Maxmontaj.Tests.Web;

/// <summary>The app with its data folder, photos and log file in one fresh folder, and a certificate for the keys.</summary>
public sealed class DataFolderAppFactory : MaxmontajAppFactory
{
    public const string CertificatePassword = "cert-pass-2026";

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "maxmontaj-tests", "files-" + Guid.NewGuid().ToString("N"));

    public string DataFolder => Path.Combine(Root, "data");

    public string CertificatePath => Path.Combine(Root, "keys-certificate.pfx");

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Serilog:MinimumLevel:Default"] = "Information",
        ["Database:DataFolder"] = DataFolder,
        ["ConnectionStrings:Maxmontaj"] = "Data Source=maxmontaj.db",
        ["Storage:PhotosFolder"] = Path.Combine(Root, "photos"),
        ["Serilog:WriteTo:1:Args:path"] = Path.Combine(Root, "logs", "maxmontaj-.log"),
        [DataProtectionSetup.CertificatePathSetting] = CertificatePath,
        [DataProtectionSetup.CertificatePasswordSetting] = CertificatePassword,
    };

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Maxmontaj keys (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await File.WriteAllBytesAsync(CertificatePath, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        await base.InitializeAsync();
    }

    /// <summary>Settings for a second, separate key ring reader (another process after a restart).</summary>
    public IConfiguration Configuration() => new ConfigurationBuilder().AddInMemoryCollection(Overrides).Build();
}

[Trait("Category", "Sqlite")]
public sealed class FilesAndKeysTests(DataFolderAppFactory app) : IClassFixture<DataFolderAppFactory>
{
    [Fact]
    public async Task Keys_are_kept_in_the_data_folder_encrypted_with_the_configured_certificate()
    {
        var protectedText = app.Services.GetDataProtector("test").Protect("секрет");
        await SignInForm.NewClient(app).GetAsync("/account/login");

        var key = Assert.Single(Directory.GetFiles(Path.Combine(app.DataFolder, "keys"), "key-*.xml"));
        var xml = await File.ReadAllTextAsync(key);
        Assert.Contains("<encryptedSecret", xml);
        Assert.Contains("EncryptedData", xml);
        Assert.DoesNotContain("<masterKey", xml);

        // Another reader of the same folder and certificate (the app after a restart) can decrypt the key and read the data.
        var services = new ServiceCollection().AddLogging().AddSingleton(app.Configuration())
            .AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new HostingEnvironment { ContentRootPath = app.Root });
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddMaxmontajDataProtection();
        await using var restarted = services.BuildServiceProvider();
        Assert.Equal("секрет", restarted.GetDataProtector("test").Unprotect(protectedText));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Files_and_folders_the_app_creates_are_closed_to_other_accounts()
    {
        await SignInForm.NewClient(app).GetAsync("/account/login");
        var photo = await app.Services.GetRequiredService<IPhotoStore>().SaveAsync(TestImages.Png(), ".png");
        var logs = Path.Combine(app.Root, "logs");

        var files = new[]
        {
            Path.Combine(app.DataFolder, "maxmontaj.db"),
            Assert.Single(Directory.GetFiles(Path.Combine(app.DataFolder, "keys"), "key-*.xml")),
            Path.Combine(app.Root, "photos", photo[..2], photo),
            Assert.Single(Directory.GetFiles(logs, "*.log")),
        };
        var folders = new[] { app.DataFolder, Path.Combine(app.DataFolder, "keys"), Path.Combine(app.Root, "photos"), Path.Combine(app.Root, "photos", photo[..2]), logs };

        // At most 0640 and 0750 (the framework writes keys 0600, which is stricter still).
        Assert.All(files, f => Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(f) & ~(UnixFileMode)0b110_100_000));
        Assert.All(folders, f => Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(f) & ~(UnixFileMode)0b111_101_000));
        Assert.Equal((UnixFileMode)0b110_100_000, File.GetUnixFileMode(files[0]));
        Assert.Equal((UnixFileMode)0b110_100_000, File.GetUnixFileMode(files[2]));
        Assert.Equal((UnixFileMode)0b111_101_000, File.GetUnixFileMode(folders[2]));
    }
}
