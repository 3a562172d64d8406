using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Security;

public static class IdentitySetup
{
    public const int MinPasswordLength = 12;

    /// <summary>Identity with EF stores, the password and lockout policy, cookie sign-in and the page policies.</summary>
    /// <param name="services">The services.</param>
    /// <param name="secureCookiesOnly">Send cookies over HTTPS only: on in production, where Apache terminates TLS.</param>
    public static IServiceCollection AddMaxmontajIdentity(this IServiceCollection services, bool secureCookiesOnly = true)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthorization(AccessPolicies.AddPolicies);
        services.AddOptions<TwoFactorPolicyOptions>().BindConfiguration(TwoFactorPolicyOptions.Section);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, TwoFactorEnrolledHandler>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<ApplicationUser>(o =>
            {
                // Email is optional (many contractors and customers only have a phone); uniqueness of both email and phone
                // is checked by UserAdministrationService and enforced by unique indexes.
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = MinPasswordLength;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                // No account-wide lock: anyone could lock the owner out. The sign-in form locks a source per account instead
                // (SignInGuard, ADR 0017); Identity's lockout stays on for other checks that count failures (a second factor).
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<MaxmontajDbContext>()
            .AddClaimsPrincipalFactory<MaxmontajClaimsFactory>()
            .AddSignInManager<MaxmontajSignInManager>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders();

        services.AddOptions<SignInGuardOptions>().BindConfiguration("SignIn");
        services.AddOptions<SessionOptions>().BindConfiguration("Sessions");
        services.AddSingleton<SignInGuard>();
        services.AddSingleton<SessionRevocations>();
        services.AddScoped<SessionSignOut>();
        // A deactivated user or a changed role reaches open sessions within the interval; a sign-out here at once.
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<SessionOptions>>((o, sessions) => o.ValidationInterval = sessions.Value.StampValidationInterval);
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SessionOptions>>((o, sessions) => o.ExpireTimeSpan = sessions.Value.IdleTimeout);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "maxmontaj.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.Events.OnSigningIn = SessionLifetime.StampSignInTimeAsync;
            o.Events.OnValidatePrincipal = SessionLifetime.ValidateAsync;
            // An admin without a second factor is refused every page; the refusal leads to enrolment, not to "access denied".
            o.Events.OnRedirectToAccessDenied = context =>
            {
                var options = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<TwoFactorPolicyOptions>>();
                if (TwoFactorEnrolledRequirement.MustEnrol(context.HttpContext.User, options.CurrentValue))
                {
                    context.RedirectUri = context.Request.PathBase + TwoFactorEnrolledRequirement.EnrolmentPath;
                }

                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = secureCookiesOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }
}
