using System.Net;
using Maxmontaj.Web.Security;
using Microsoft.AspNetCore.Http;

namespace Maxmontaj.Tests.Web;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Limits_count_ipv4_by_address_and_ipv6_by_its_64_bit_network(string address, string counted)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);

        Assert.Equal(counted, ClientAddress.Of(context));
    }
}
