using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DnsLb.Status;

/// <summary>What Kestrel calls for each request: a plain HttpContext handed to <see cref="StatusEndpoint"/> (no middleware, no routing tables).</summary>
internal sealed class StatusHttpApplication(StatusEndpoint endpoint) : IHttpApplication<HttpContext>
{
    public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    public Task ProcessRequestAsync(HttpContext context) => endpoint.HandleAsync(context);

    public void DisposeContext(HttpContext context, Exception? exception)
    {
        // nothing is held per request
    }
}
