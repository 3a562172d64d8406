using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Maxmontaj.Web.Localization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Security;

/// <summary>
/// ASP.NET Core's rate limiter: the named policies of <see cref="RateLimitPolicies"/> limit per client address (the forwarded
/// one: the forwarded-headers middleware runs first), and a global limiter adds a per-account limit to the account policies.
/// A refusal is 429 with Retry-After; people get a short localised page, machines the bare status.
/// </summary>
public static class RateLimitingSetup
{
    private const long MaxAccountFormBytes = 64 * 1024;

    public static IServiceCollection AddMaxmontajRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits");
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            foreach (var policy in new[] { RateLimitPolicies.SignIn, RateLimitPolicies.SignUp, RateLimitPolicies.PasswordReset, RateLimitPolicies.StatusLink, RateLimitPolicies.Webhook })
            {
                o.AddPolicy(policy, context => PerAddress(policy, context));
            }

            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(PerAccount);
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>The limiter, after routing and localisation; account policies' forms are read first so the limiter can see the account.</summary>
    public static WebApplication UseMaxmontajRateLimiting(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (PolicyOf(context) is { } policy && RateLimitPolicies.AccountPolicies.Contains(policy)
                && HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
            {
                // Read once and kept by the form feature: Blazor's form binding gets the same collection. These forms are a
                // few fields: a big body is refused before it is buffered.
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                {
                    size.MaxRequestBodySize = MaxAccountFormBytes;
                }

                try
                {
                    await context.Request.ReadFormAsync(context.RequestAborted);
                }
                catch (InvalidDataException)
                {
                    await RefuseAsync(context, StatusCodes.Status400BadRequest);
                    return;
                }
                catch (BadHttpRequestException e)
                {
                    await RefuseAsync(context, e.StatusCode);
                    return;
                }
            }

            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>A body, so that the status-code pages leave the status as it is.</summary>
    private static Task RefuseAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsync(Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status));
    }

    private static string? PolicyOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;

    private static RateLimitPartition<string> PerAddress(string policy, HttpContext context)
    {
        // Forms limit their submissions; showing the form is free. Status links limit looking; webhooks everything.
        var limited = policy is RateLimitPolicies.Webhook
            || (policy is RateLimitPolicies.StatusLink ? HttpMethods.IsGet(context.Request.Method) : HttpMethods.IsPost(context.Request.Method));
        if (!limited)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var rule = Options(context).ForAddress(policy);
        return RateLimitPartition.GetFixedWindowLimiter($"{policy}|{ClientAddress.Of(context)}", _ => Window(rule));
    }

    private static RateLimitPartition<string> PerAccount(HttpContext context)
    {
        if (PolicyOf(context) is not { } policy || !RateLimitPolicies.AccountPolicies.Contains(policy)
            || !HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var form = context.Request.Form;
        var login = RateLimitPolicies.AccountFields.Select(f => form[f].ToString()).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        if (login is null)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        // Sign-in counts per account AND source: a count per account alone would let anyone lock the owner out (ADR 0017).
        var key = policy == RateLimitPolicies.SignIn
            ? $"{policy}|{AccountKey.For(login)}|{ClientAddress.Of(context)}"
            : $"{policy}|{AccountKey.For(login)}";
        var rule = Options(context).ForAccount(policy);
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(rule));
    }

    private static RateLimitOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;

    private static FixedWindowRateLimiterOptions Window(RateLimitRule rule) => new()
    {
        PermitLimit = Math.Max(1, rule.PermitLimit),
        Window = rule.Window > TimeSpan.Zero ? rule.Window : TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var policy = PolicyOf(context) ?? "global";
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityEvents.LoggerName)
            .LogWarning("{SecurityEvent}: policy {Policy} refused {ClientIp} for {RetryAfterSeconds} s",
                SecurityEvents.RateLimited, policy, ClientAddress.Of(context), seconds);
        if (policy == RateLimitPolicies.Webhook)
        {
            return;
        }

        var text = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var title = WebUtility.HtmlEncode(text["Security.TooManyRequestsTitle"]);
        var message = WebUtility.HtmlEncode(string.Format(CultureInfo.CurrentCulture, text["Security.TooManyRequests"], seconds));
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            + $"<body><h1>{title}</h1><p class=\"account-error\" role=\"alert\">{message}</p><p><a href=\"/\">{WebUtility.HtmlEncode(text["Security.TooManyRequestsBack"])}</a></p></body></html>",
            cancellationToken);
    }
}
