using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Serilog.Context;

namespace Maxmontaj.Web.Security;

/// <summary>
/// Keeps <see cref="CurrentUser"/> in step with the circuit's authentication state (the pattern from the Blazor security docs),
/// and tags every log event of an inbound circuit activity with the circuit and user ids.
/// </summary>
internal sealed class UserCircuitHandler(AuthenticationStateProvider authentication, CurrentUser currentUser, Live.CircuitPresence presence,
    Errors.CircuitInfo circuitInfo, RequestOrigin origin)
    : CircuitHandler, IDisposable
{
    private Guid? _present;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        circuitInfo.Id = circuit.Id;
        // The audit log's address for everything done in this circuit: the request that opened it is current only now.
        origin.RememberForCircuit();
        authentication.AuthenticationStateChanged += OnAuthenticationChanged;
        currentUser.SetCircuitUser((await authentication.GetAuthenticationStateAsync()).User);
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_present is null && currentUser.UserId is { } id)
        {
            _present = id;
            presence.Connected(id);
        }

        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_present is { } id)
        {
            _present = null;
            presence.Disconnected(id);
        }

        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            using (LogContext.PushProperty("CircuitId", circuitInfo.Id))
            using (LogContext.PushProperty("UserId", currentUser.UserId))
            {
                await next(context);
            }
        };

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationChanged;

    private void OnAuthenticationChanged(Task<AuthenticationState> task) =>
        _ = UpdateAsync(task);

    private async Task UpdateAsync(Task<AuthenticationState> task)
    {
        try
        {
            currentUser.SetCircuitUser((await task).User);
        }
        catch (Exception)
        {
            currentUser.SetCircuitUser(new System.Security.Claims.ClaimsPrincipal());
        }
    }
}
