import { describe, expect, it } from "vitest";
import { pageTitle } from "./meta";

const root = (locale: unknown) => [
  { id: "root", data: { locale } },
  { id: "routes/x", data: null },
];

describe("document titles", () => {
  it("name the page, its subject and the app in the reader's language", () => {
    expect(pageTitle(root("ko"), "title.gaps", "2014년 자율진단")).toEqual([
      { title: "미비점·실행계획 · 2014년 자율진단 · 인증지기" },
    ]);
    expect(pageTitle(root("en"), "title.gaps", "2014년 자율진단")).toEqual([
      { title: "Gaps and action plan · 2014년 자율진단 · Injeungjigi" },
    ]);
  });

  it("leave out what is missing and fall back to Korean without a known locale", () => {
    expect(pageTitle(root("ko"), null, null)).toEqual([{ title: "인증지기" }]);
    expect(pageTitle(root("xx"), "title.login")).toEqual([{ title: "로그인 · 인증지기" }]);
    expect(pageTitle([], "title.login", "")).toEqual([{ title: "로그인 · 인증지기" }]);
  });
});
