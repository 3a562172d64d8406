namespace Maxmontaj.Core.Notifications;

/// <summary>When a WhatsApp number last wrote to us: free text may be sent for 24 hours after it, templates otherwise.</summary>
public class WhatsAppSession
{
    /// <summary>E.164 phone.</summary>
    public string Phone { get; set; } = "";
    public DateTimeOffset LastInboundAt { get; set; }
}
