using System.Net;
using Maxmontaj.Web.Security;
using Microsoft.AspNetCore.Http;

namespace Maxmontaj.Tests.Web;

/// <summary>The audit log's client address: the request's, or the one a circuit remembered when it opened.</summary>
public sealed class RequestOriginTests
{
    [Fact]
    public void A_circuit_keeps_the_address_it_opened_from_when_no_request_is_current()
    {
        var accessor = new HttpContextAccessor { HttpContext = new DefaultHttpContext() };
        accessor.HttpContext.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:198.51.100.7");
        var origin = new RequestOrigin(accessor);

        origin.RememberForCircuit();
        // A live-event callback or a timer in the circuit runs with no HTTP context.
        accessor.HttpContext = null;

        Assert.Equal("198.51.100.7", origin.ClientIp);
    }

    [Fact]
    public void Outside_a_circuit_the_address_is_the_current_requests()
    {
        var accessor = new HttpContextAccessor { HttpContext = new DefaultHttpContext() };
        accessor.HttpContext.Connection.RemoteIpAddress = IPAddress.Parse("2001:db8::5");

        Assert.Equal("2001:db8::5", new RequestOrigin(accessor).ClientIp);
        accessor.HttpContext = null;
        Assert.Null(new RequestOrigin(accessor).ClientIp);
    }
}
