#include "lint/diagnose/error_text.h"

#include <doctest/doctest.h>

namespace lint {

TEST_CASE("ErrorText: lines are joined with nothing between them, whitespace inside a line is one space") {
  ErrorText t = NormalizeErrorText("  An error occurred when verif\r\n   ying security\tfor  the message.\n");
  CHECK(t.text == "An error occurred when verifying security for the message.");
  CHECK(t.words == "An error occurred when verif ying security for the message.");
  CHECK(t.origin.size() == t.text.size() + 1);
  CHECK(t.origin.back() == t.raw.size());
}

TEST_CASE("ErrorText: .NET stack frames, ---> and end-of-trace markers are removed") {
  ErrorText t = NormalizeErrorText(
      "Proxy web request failed. ---> System.Net.WebException: Unable to connect to the remote server\n"
      "   at System.Net.HttpWebRequest.EndGetResponse(IAsyncResult asyncResult)\n"
      "   at Microsoft.Exchange.InfoWorker.Common.Availability.ProxyWebRequest.EndInvoke\n"
      "   --- End of inner exception stack trace ---\n"
      "tail");
  CHECK(t.text == "Proxy web request failed. System.Net.WebException: Unable to connect to the remote servertail");
}

TEST_CASE("ErrorText: a frame inside a line goes, with its file and line; prose with 'at' stays") {
  ErrorText t = NormalizeErrorText(
      "message at System.Web. Services.Protocols. SoapHttpClientProtocol. ReadResponse(SoapClientMessage message, "
      "WebResponse response) at Foo.Bar.Baz(Int32 x) in C:\\src\\Baz.cs:line 12 end; look at the logs");
  CHECK(t.text == "message end; look at the logs");
}

TEST_CASE("ErrorText: LID markers are recorded and removed") {
  ErrorText t = NormalizeErrorText("failed. LID: 43532 and <LID>59916</LID>, [LID 47932] &lt;LID&gt;123&lt;/LID&gt; VALID 4444");
  REQUIRE(t.lids.size() == 4);
  CHECK(t.lids[0].value == 43532);
  CHECK(t.lids[1].value == 59916);
  CHECK(t.lids[2].value == 47932);
  CHECK(t.lids[3].value == 123);
  CHECK(t.raw.substr(t.lids[0].begin, t.lids[0].end - t.lids[0].begin) == "LID: 43532");
  CHECK(t.text == "failed. and , VALID 4444");
}

TEST_CASE("ErrorText: entities, JSON escapes and typographic characters become plain ASCII") {
  ErrorText t = NormalizeErrorText("reason=&quot;The user&#39;s \xE2\x80\x9Ctoken\xE2\x80\x9D\xC2\xA0is\\r\\nambiguous\\\"\xE2\x80\x99 \xE2\x80\x93 x");
  CHECK(t.text == "reason=\"The user's \"token\" is ambiguous\"' - x");
}

TEST_CASE("ErrorText: origin maps every byte back to the raw text") {
  ErrorText t = NormalizeErrorText("ab\n  &amp;cd");
  REQUIRE(t.text == "ab&cd");
  CHECK(t.origin[0] == 0);
  CHECK(t.origin[2] == 5);  // '&' came from "&amp;"
  CHECK(t.origin[3] == 10);
  auto [b, e] = t.RawRange(3, 5);
  CHECK(t.raw.substr(b, e - b) == "cd");
  CHECK(t.Excerpt(0, t.raw.size()) == "ab &amp;cd");
  LineColumn lc = t.Locate(10);
  CHECK(lc.line == 2);
  CHECK(lc.column == 8);
}

TEST_CASE("ErrorText: empty and whitespace-only texts normalize to nothing") {
  CHECK(NormalizeErrorText("").text.empty());
  ErrorText t = NormalizeErrorText(" \r\n\t \n");
  CHECK(t.text.empty());
  CHECK(t.origin.size() == 1);
}

TEST_CASE("ErrorText: excerpts are cut at a UTF-8 boundary") {
  std::string raw(200, 'a');
  raw += "\xC3\xA9";
  ErrorText t = NormalizeErrorText(raw);
  std::string e = t.Excerpt(0, t.raw.size(), 201);
  CHECK(e == std::string(200, 'a') + "...");
}

}  // namespace lint
