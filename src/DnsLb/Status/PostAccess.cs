namespace DnsLb.Status;

/// <summary>The verdict on a POST request (see <see cref="ApiAccess.CheckPost"/>).</summary>
internal enum PostAccess
{
    Allowed,

    /// <summary>The token is required and missing or wrong: 401.</summary>
    Unauthorized,

    /// <summary>Sent by a page of another site: 403.</summary>
    CrossSite,
}
