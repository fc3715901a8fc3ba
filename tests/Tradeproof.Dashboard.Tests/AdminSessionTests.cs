using System.Net;
using Microsoft.AspNetCore.Http;
using Tradeproof.Node;
using Tradeproof.Node.Dashboard;

namespace Tradeproof.Dashboard.Tests;

/// <summary>
/// The operator's sign-in (one-time links), sessions (cookie, expiry), CSRF and sign-out, over HTTP against a node on
/// a loopback port (behaviour: our own cases).
/// </summary>
public sealed class AdminSessionTests(AdminTestNode node) : IClassFixture<AdminTestNode>
{
    private static readonly string[] Pages =
    [
        "/dashboard", "/dashboard/log", "/dashboard/log?index=0", "/dashboard/organizations/acme", "/dashboard/organizations/acme/registry",
        "/dashboard/organizations/acme/keys", "/dashboard/organizations/acme/status-lists", "/dashboard/organizations/acme/outbox", "/dashboard/logout",
    ];

    [Fact]
    public async Task Without_a_session_every_page_is_refused_and_shows_no_data()
    {
        var did = node.Services.Identity.TenantDid(AdminTestNode.Tenant);
        foreach (var path in Pages)
        {
            var (status, html) = await node.PageAsync(path, cookie: null);
            Assert.True(status == HttpStatusCode.Forbidden, $"{path}: {status}");
            Assert.Contains("Sign in first.", html, StringComparison.Ordinal);
            Assert.DoesNotContain(did, html, StringComparison.Ordinal);
        }

        // A made-up or stale cookie is no session either.
        var (other, _) = await node.PageAsync("/dashboard/log", OperatorSessions.CookieName(Context(node.BaseUrl)) + "=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(HttpStatusCode.Forbidden, other);
    }

    [Fact]
    public async Task A_sign_in_link_opens_one_session_once_and_its_GET_does_not_spend_it()
    {
        var link = await node.LinkAsync();
        Assert.StartsWith(node.BaseUrl + "/dashboard/login?token=", link, StringComparison.Ordinal);

        // Opening the link (a preview, a prefetch) shows a button and spends nothing.
        for (var i = 0; i < 2; i++)
        {
            var (shown, html) = await node.PageAsync(new Uri(link).PathAndQuery, cookie: null);
            Assert.Equal(HttpStatusCode.OK, shown);
            Assert.Contains("<button type=\"submit\">Sign in</button>", html, StringComparison.Ordinal);
        }

        using var first = await node.SignInAsync(link);
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal("/dashboard", first.Headers.Location?.OriginalString);
        var setCookie = first.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith("tradeproof-operator-" + new Uri(node.BaseUrl).Port + "=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase); // plain HTTP on loopback

        var cookie = setCookie.Split(';')[0];
        foreach (var path in Pages)
        {
            var (status, _) = await node.PageAsync(path, cookie);
            Assert.True(status == HttpStatusCode.OK, $"{path}: {status}");
        }

        using var again = await node.SignInAsync(link);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.False(again.Headers.Contains("Set-Cookie"));
        Assert.Contains("used already", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var forged = await node.SignInAsync(node.BaseUrl + "/dashboard/login?token=" + new string('A', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task Links_expire_after_15_minutes_and_sessions_after_30_idle_minutes()
    {
        var stale = await node.LinkAsync();
        node.Clock.Advance(OperatorLogin.Lifetime + TimeSpan.FromSeconds(1));
        using (var refused = await node.SignInAsync(stale))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var cookie = await node.SessionAsync();
        node.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await node.PageAsync("/dashboard/log", cookie)).Status);
        node.Clock.Advance(TimeSpan.FromMinutes(29)); // 58 minutes after sign-in, 29 after the last request
        Assert.Equal(HttpStatusCode.OK, (await node.PageAsync("/dashboard/log", cookie)).Status);
        node.Clock.Advance(OperatorSessions.IdleTimeout + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Forbidden, (await node.PageAsync("/dashboard/log", cookie)).Status);
    }

    [Fact]
    public async Task A_session_ends_eight_hours_after_sign_in_however_busy()
    {
        var cookie = await node.SessionAsync();
        for (var elapsed = TimeSpan.Zero; elapsed < OperatorSessions.AbsoluteLifetime - TimeSpan.FromMinutes(20); elapsed += TimeSpan.FromMinutes(20))
        {
            node.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await node.PageAsync("/dashboard/log", cookie)).Status);
        }

        node.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.Forbidden, (await node.PageAsync("/dashboard/log", cookie)).Status);
    }

    [Fact]
    public async Task A_POST_needs_the_session_its_CSRF_token_and_this_origin()
    {
        var cookie = await node.SessionAsync();
        var (_, page) = await node.PageAsync("/dashboard/logout", cookie);
        var csrf = AdminTestNode.CsrfOf(page);
        var other = AdminTestNode.CsrfOf((await node.PageAsync("/dashboard/logout", await node.SessionAsync())).Html);
        Assert.NotEqual(csrf, other);

        Dictionary<string, string> none = [];
        foreach (var (fields, origin, site, sessionCookie) in new (Dictionary<string, string>, string?, string?, string?)[]
        {
            (none, "", null, cookie),                                          // no token
            (new() { ["csrf"] = other }, "", null, cookie),                    // another session's token
            (new() { ["csrf"] = csrf + "x" }, "", null, cookie),               // a wrong token
            (new() { ["csrf"] = csrf }, "http://evil.example", null, cookie),  // another site's page
            (new() { ["csrf"] = csrf }, "", "cross-site", cookie),             // the browser says: another site
            (new() { ["csrf"] = csrf }, "null", null, cookie),                 // an opaque origin
            (new() { ["csrf"] = csrf }, "null", "cross-site", cookie),         // a sandboxed frame elsewhere
            (new() { ["csrf"] = csrf }, "", null, null),                       // no session
        })
        {
            var (status, html, response) = await node.PostFormAsync("/dashboard/logout", sessionCookie, fields, origin, site);
            using (response)
            {
                Assert.Equal(HttpStatusCode.Forbidden, status);
                Assert.False(response.Headers.Contains("Set-Cookie"));
            }

            Assert.True(html.Contains("Form refused", StringComparison.Ordinal) || html.Contains("Sign in first.", StringComparison.Ordinal), html);
        }

        // The session survived every refused sign-out.
        Assert.Equal(HttpStatusCode.OK, (await node.PageAsync("/dashboard/log", cookie)).Status);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_clears_the_cookie()
    {
        var cookie = await node.SessionAsync();
        var csrf = AdminTestNode.CsrfOf((await node.PageAsync("/dashboard/logout", cookie)).Html);
        var (status, _, response) = await node.PostFormAsync("/dashboard/logout", cookie, new Dictionary<string, string> { ["csrf"] = csrf });
        using (response)
        {
            Assert.Equal(HttpStatusCode.SeeOther, status);
            Assert.Equal(OperatorLogin.Path, response.Headers.Location?.OriginalString);
            var cleared = response.Headers.GetValues("Set-Cookie").Single();
            Assert.StartsWith(cookie.Split('=')[0] + "=;", cleared, StringComparison.Ordinal);
            Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await node.PageAsync("/dashboard/log", cookie)).Status);
        var (signIn, html) = await node.PageAsync(OperatorLogin.Path, cookie);
        Assert.Equal(HttpStatusCode.OK, signIn);
        Assert.Contains("You are not signed in.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void On_HTTPS_the_cookie_is_Secure_and_has_the_Host_prefix()
    {
        var context = Context("https://node.example:5443");
        var sessions = OperatorSessions.For(node.Services);
        var session = sessions.Open(context);
        var setCookie = context.Response.Headers.SetCookie.ToString();
        Assert.StartsWith("__Host-tradeproof-operator-5443=", setCookie, StringComparison.Ordinal);
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);

        // The cookie finds the session; the same value over plain HTTP (another cookie name) does not.
        var value = setCookie.Split(';')[0].Split('=', 2)[1];
        var back = Context("https://node.example:5443");
        back.Request.Headers.Cookie = "__Host-tradeproof-operator-5443=" + value;
        Assert.Same(session, sessions.Current(back));
        var plain = Context("http://node.example:5443");
        plain.Request.Headers.Cookie = "__Host-tradeproof-operator-5443=" + value;
        Assert.Null(sessions.Current(plain));
        Assert.True(OperatorSessions.IsCsrfToken(session, session.CsrfToken));
        Assert.False(OperatorSessions.IsCsrfToken(session, null));
    }

    private static DefaultHttpContext Context(string baseUrl)
    {
        var uri = new Uri(baseUrl);
        var context = new DefaultHttpContext();
        context.Request.Scheme = uri.Scheme;
        context.Request.Host = new HostString(uri.Host, uri.Port);
        return context;
    }
}
