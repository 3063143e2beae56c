import { describe, expect, it } from "vitest";
import { dispositionFileName } from "./pdf-link";

describe("the PDF's file name", () => {
  it("takes the UTF-8 name the server gives, so a Korean name survives", () => {
    expect(
      dispositionFileName(
        `attachment; filename="report.pdf"; filename*=UTF-8''${encodeURIComponent("2014_자율진단_보고서.pdf")}`,
        "x.pdf",
      ),
    ).toBe("2014_자율진단_보고서.pdf");
  });
  it("falls back to the plain name, then to the default", () => {
    expect(dispositionFileName('attachment; filename="report-1.pdf"', "x.pdf")).toBe("report-1.pdf");
    expect(dispositionFileName(null, "x.pdf")).toBe("x.pdf");
    expect(dispositionFileName("attachment; filename*=UTF-8''%E0%A4%A", "x.pdf")).toBe("x.pdf");
  });
});
