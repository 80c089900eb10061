using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DnsLb.Status.Metrics;
using Microsoft.AspNetCore.Http;

namespace DnsLb.Status;

/// <summary>
/// Answers every request of the status endpoint: <c>GET /</c> (the page), <c>GET /api/status</c> (JSON),
/// <c>GET /metrics</c> (Prometheus), and <c>POST /api/pools/{pool}/members/{address}/drain</c> or
/// <c>/undrain</c>. Who may do what is <see cref="ApiAccess"/>'s call. An undrain through the API of a
/// member a drain file holds is refused (409) with the file to remove.
/// </summary>
internal sealed class StatusEndpoint(IStatusSource source, DrainCommands drains, MetricsExposition metrics, StatusPage page, ApiAccess access, TimeProvider time)
{
    public Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        if (!access.IsAddressedHere(request))
            return ErrorAsync(context, StatusCodes.Status421MisdirectedRequest, "this endpoint listens on loopback and answers requests to 127.0.0.1, [::1] or localhost only");

        string path = request.Path.Value ?? "/";
        Func<HttpContext, Task>? get = path switch
        {
            "/" => PageAsync,
            "/api/status" => StatusAsync,
            "/metrics" => MetricsAsync,
            _ => null,
        };
        if (get is not null)
            return HttpMethods.IsGet(request.Method) ? get(context) : MethodNotAllowedAsync(context, "GET");
        if (DrainRoute.TryParse(path, out var route))
            return HttpMethods.IsPost(request.Method) ? DrainAsync(context, route) : MethodNotAllowedAsync(context, "POST");
        return ErrorAsync(context, StatusCodes.Status404NotFound, "no such page: there are /, /api/status and /metrics");
    }

    private Task PageAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.ContentSecurityPolicy = page.ContentSecurityPolicy;
        response.Headers.XFrameOptions = "DENY";
        return response.Body.WriteAsync(page.Html, context.RequestAborted).AsTask();
    }

    private Task StatusAsync(HttpContext context)
    {
        var snapshot = source.Read();
        var document = new StatusDocument(time.GetUtcNow(), access.RequiresToken, snapshot.Zones, snapshot.Pools);
        return JsonAsync(context, StatusCodes.Status200OK, document, StatusJsonContext.Default.StatusDocument);
    }

    private Task MetricsAsync(HttpContext context)
    {
        context.Response.ContentType = PrometheusWriter.ContentType;
        return context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(metrics.Render()), context.RequestAborted).AsTask();
    }

    private Task DrainAsync(HttpContext context, DrainRoute route)
    {
        switch (access.CheckPost(context.Request))
        {
            case PostAccess.Unauthorized:
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"dnslb\"";
                return ErrorAsync(context, StatusCodes.Status401Unauthorized, "drain and undrain need the API token: send Authorization: Bearer <Status:ApiToken>");
            case PostAccess.CrossSite:
                return ErrorAsync(context, StatusCodes.Status403Forbidden, "drain and undrain are not accepted from another site's page");
        }
        if (!IPAddress.TryParse(route.Address, out var address))
            return ErrorAsync(context, StatusCodes.Status404NotFound, $"pool {route.Pool} has no member {route.Address}: not an IP address");
        var result = route.Drain ? drains.Drain(route.Pool, address, DrainSource.Api) : drains.Undrain(route.Pool, address, DrainSource.Api);
        return result switch
        {
            DrainResult.UnknownPool => ErrorAsync(context, StatusCodes.Status404NotFound, $"no pool named {route.Pool}"),
            DrainResult.UnknownMember => ErrorAsync(context, StatusCodes.Status404NotFound, $"pool {route.Pool} has no member {address}"),
            DrainResult.HeldByFile => ErrorAsync(context, StatusCodes.Status409Conflict,
                $"{address} is drained by the file {DrainFile(route.Pool, address) ?? "named after it in the drain directory"}: remove the file to undrain it"),
            _ => JsonAsync(context, StatusCodes.Status200OK,
                new DrainResponse(route.Pool.TrimEnd('.'), address.ToString(), route.Drain, result == DrainResult.Changed), StatusJsonContext.Default.DrainResponse),
        };
    }

    /// <summary>The drain file that holds a member, as the status shows it (<c>drain/192.168.0.121</c>).</summary>
    private string? DrainFile(string pool, IPAddress address) =>
        source.Read().Pools.FirstOrDefault(p => p.Name.Equals(pool.TrimEnd('.'), StringComparison.OrdinalIgnoreCase))?
            .Members.FirstOrDefault(m => IPAddress.TryParse(m.Address, out var a) && a.Equals(address))?.Drain?.File;

    private static Task MethodNotAllowedAsync(HttpContext context, string allowed)
    {
        context.Response.Headers.Allow = allowed;
        return ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, $"use {allowed} here");
    }

    private static Task ErrorAsync(HttpContext context, int status, string error) =>
        JsonAsync(context, status, new ApiError(error), StatusJsonContext.Default.ApiError);

    private static Task JsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }
}
