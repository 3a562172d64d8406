using System.Diagnostics;
using System.Net;

namespace Maxmontaj.Web.Live;

/// <summary>
/// For the load harness only (scripts/load, docs/performance.md "Circuits"): <c>GET /_diagnostics/memory</c> runs a full,
/// compacting GC and answers the managed heap, working set, process CPU time and open circuits by page kind.
/// Off unless <c>Diagnostics:MemoryEndpoint</c> is true, and then for loopback callers only: a full GC pauses the server.
/// </summary>
public static class LoadDiagnostics
{
    public static WebApplication MapLoadDiagnostics(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Diagnostics:MemoryEndpoint", false))
        {
            return app;
        }

        app.MapGet("/_diagnostics/memory", (HttpContext context) =>
        {
            if (context.Connection.RemoteIpAddress is not { } address || !IPAddress.IsLoopback(address))
            {
                return Results.NotFound();
            }

            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            using var process = Process.GetCurrentProcess();
            return Results.Json(new
            {
                HeapBytes = GC.GetTotalMemory(false),
                WorkingSetBytes = process.WorkingSet64,
                CpuMs = process.TotalProcessorTime.TotalMilliseconds,
                Circuits = CircuitPageMeter.Open,
            });
        }).AllowAnonymous();
        return app;
    }
}
