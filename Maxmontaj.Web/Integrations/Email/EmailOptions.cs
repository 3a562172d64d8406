namespace Maxmontaj.Web.Integrations.Email;

public enum SmtpSecurity
{
    None,
    StartTls,
    Tls,
}

/// <summary>The "Email" section. With no host, the email channel is off.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Maxmontaj <no-reply@maxmontaj.local>";
}
