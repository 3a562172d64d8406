namespace Maxmontaj.Core.Registration;

public enum ApplicationStatus
{
    Draft,
    Submitted,
    Approved,
    Rejected,
}

public enum ApplicationStep
{
    Name,
    Phone,
    Skills,
    District,
    Done,
}

/// <summary>A contractor's application started in a messenger bot, reviewed by a dispatcher.</summary>
public class ExecutorApplication
{
    public Guid Id { get; set; }

    /// <summary>"Telegram" or "WhatsApp".</summary>
    public string Channel { get; set; } = "";

    /// <summary>The chat id (Telegram) or phone (WhatsApp) the bot talks to.</summary>
    public string ExternalId { get; set; } = "";
    public ApplicationStatus Status { get; set; }
    public ApplicationStep Step { get; set; }
    public string? FullName { get; set; }
    public string? Phone { get; set; }
    public string? SkillIds { get; set; }
    public string? District { get; set; }

    /// <summary>The recruiting link's payload, to see which campaign brought the applicant.</summary>
    public string? Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? DecidedBy { get; set; }
    public string? RejectReason { get; set; }
    public Guid? UserId { get; set; }
}

/// <summary>An incoming messenger update already handled, so a redelivered one is processed once.</summary>
public class ProcessedUpdate
{
    public string Channel { get; set; } = "";
    public string UpdateId { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
