using System.Security.Cryptography.X509Certificates;
using Maxmontaj.Data;
using Maxmontaj.Web.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Security;

/// <summary>
/// Data-protection keys (they sign cookies and antiforgery tokens) live in <c>{Database:DataFolder}/keys</c>, created 0750,
/// and are encrypted at rest with the certificate in <c>DataProtection:CertificatePath</c> when one is configured (Linux has
/// no DPAPI; see deploy/README.md). Settings are read when the key ring is first needed, not while services are registered.
/// </summary>
public static class DataProtectionSetup
{
    public const string CertificatePathSetting = "DataProtection:CertificatePath";
    public const string CertificatePasswordSetting = "DataProtection:CertificatePassword";

    public static IServiceCollection AddMaxmontajDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Maxmontaj");
        services.AddSingleton<KeyStorage>();
        services.AddOptions<KeyManagementOptions>().Configure<KeyStorage, ILoggerFactory>((o, storage, loggers) =>
        {
            o.XmlRepository = new FileSystemXmlRepository(FileModes.CreateFolder(storage.Folder), loggers);
            if (storage.Certificate is { } certificate)
            {
                o.XmlEncryptor = new CertificateXmlEncryptor(certificate, loggers);
            }
        });
        AddDecryptionCertificate(services);
        return services;
    }

    /// <summary>
    /// Decryption must find the certificate without an X.509 store (a service account on Linux has none). The framework's
    /// own way, UnprotectKeysWithAnyCertificate, wants the certificate while services are registered, before the tests'
    /// (and ADR 0002's lazily read) settings exist; so this configures the same internal options object when it is built.
    /// DataProtectionSetupTests fails if a framework update changes it.
    /// </summary>
    private static void AddDecryptionCertificate(IServiceCollection services)
    {
        var options = typeof(CertificateXmlEncryptor).Assembly.GetType("Microsoft.AspNetCore.DataProtection.XmlEncryption.XmlKeyDecryptionOptions", throwOnError: true)!;
        var add = options.GetMethod("AddKeyDecryptionCertificate", [typeof(X509Certificate2)])
            ?? throw new InvalidOperationException("XmlKeyDecryptionOptions.AddKeyDecryptionCertificate is gone");
        services.AddSingleton(typeof(IConfigureOptions<>).MakeGenericType(options),
            sp => Activator.CreateInstance(typeof(ConfigureDecryption<>).MakeGenericType(options), sp.GetRequiredService<KeyStorage>(), add)!);
    }

    private sealed class ConfigureDecryption<T>(KeyStorage storage, System.Reflection.MethodInfo add) : IConfigureOptions<T>
        where T : class
    {
        public void Configure(T options)
        {
            if (storage.Certificate is { } certificate)
            {
                add.Invoke(options, [certificate]);
            }
        }
    }

    /// <summary>Where the keys are and the certificate that encrypts them (loaded once).</summary>
    internal sealed class KeyStorage(IConfiguration configuration, IHostEnvironment environment, IOptions<DatabaseOptions> database)
    {
        private readonly Lazy<X509Certificate2?> _certificate = new(() =>
            configuration[CertificatePathSetting] is { Length: > 0 } path
                ? X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(path, environment.ContentRootPath), configuration[CertificatePasswordSetting])
                : null);

        public string Folder { get; } = Path.Combine(Path.GetFullPath(database.Value.DataFolder, environment.ContentRootPath), "keys");

        public X509Certificate2? Certificate => _certificate.Value;
    }
}
