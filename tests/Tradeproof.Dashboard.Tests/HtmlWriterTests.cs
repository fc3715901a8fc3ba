using Tradeproof.Node.Dashboard;

namespace Tradeproof.Dashboard.Tests;

/// <summary>The dashboard's HTML writer: whatever the data holds, it is written as data.</summary>
public sealed class HtmlWriterTests
{
    [Fact]
    public void Text_and_attribute_values_are_encoded()
    {
        var w = new HtmlWriter();
        w.Element("p", "<script>alert('x')</script> & \"more\"", ("title", "\"><img src=x onerror=alert(1)>'"));
        Assert.Equal(
            "<p title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;\">&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"more\"</p>",
            w.ToString());
    }

    [Fact]
    public void Control_characters_and_lone_surrogates_become_replacement_characters()
    {
        Assert.Equal("a\uFFFDb\uFFFDc\tok \U0001F30D", HtmlWriter.EncodeText("a\u0000b\uD800c\tok \U0001F30D"));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("data:text/html,<b>x</b>")]
    [InlineData("//evil.example/")]
    [InlineData(" javascript:alert(1)")]
    public void Dangerous_urls_are_refused(string url)
    {
        var w = new HtmlWriter();
        Assert.Throws<ArgumentException>(() => w.Link(url, "x"));
        Assert.Equal(string.Empty, w.ToString());
    }

    [Theory]
    [InlineData("/dashboard/organizations/cbp?q=a%20b")]
    [InlineData("#main")]
    [InlineData("https://node.example/x")]
    public void Relative_and_http_urls_are_written(string url)
    {
        var w = new HtmlWriter();
        w.Link(url, "x");
        Assert.StartsWith("<a href=\"", w.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_checked_and_elements_must_balance()
    {
        var w = new HtmlWriter();
        Assert.Throws<ArgumentException>(() => w.Open("p onclick=x"));
        Assert.Throws<ArgumentException>(() => w.Open("p", ("on click", "x")));
        w.Open("div").Open("p");
        Assert.Throws<InvalidOperationException>(() => w.Close("div"));
        Assert.Throws<InvalidOperationException>(() => w.ToString());
        w.Close("p").Close("div");
        Assert.Equal("<div><p></p></div>", w.ToString());
    }

    [Fact]
    public void Null_attributes_are_left_out_and_empty_ones_are_bare()
    {
        var w = new HtmlWriter();
        w.Void("input", ("type", "checkbox"), ("checked", string.Empty), ("aria-current", null));
        Assert.Equal("<input type=\"checkbox\" checked>", w.ToString());
    }

    [Fact]
    public void The_shell_has_one_h1_the_landmarks_and_marks_the_current_section()
    {
        var html = DashboardLayout.Render(new DashboardPage("Twins <&>", DashboardSection.Twins, "acme"), "http://localhost:5080", main => main.Element("p", "body"));
        Assert.StartsWith("<!doctype html>\n<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Twins &lt;&amp;&gt;</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#main\" class=\"skip-link\">Skip to main content</a>", html, StringComparison.Ordinal);
        Assert.Contains("<nav class=\"site-nav\" aria-label=\"Sections\">", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/dashboard/organizations/acme/twins\" aria-current=\"page\">Twins</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/dashboard/organizations/acme/inbox\">Inbox</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/dashboard/log\">Log</a>", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<h1>"));
    }

    [Fact]
    public void A_page_that_leaves_an_element_open_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() =>
            DashboardLayout.Render(new DashboardPage("x", DashboardSection.None), "n", main => main.Open("section")));
    }
}
