import { useState } from "react";
import { useT } from "../use-t";

/** The file name a Content-Disposition header gives (RFC 5987 form first), or a fallback. */
export function dispositionFileName(header: string | null, fallback: string): string {
  const star = header?.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // a malformed name: use the fallback
    }
  }
  const plain = header?.match(/filename="([^"]+)"/i);
  return plain ? plain[1] : fallback;
}

/**
 * A link to a PDF that takes a moment to make (Chromium prints it on the server): with JavaScript it says so while
 * it waits and then saves the file; without, it is a plain link.
 */
export function PdfLink({ href, label }: { href: string; label: string }) {
  const t = useT();
  const [state, setState] = useState<"idle" | "busy" | "failed">("idle");
  async function download(event: React.MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (state === "busy") return;
    setState("busy");
    try {
      const response = await fetch(href, { credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = dispositionFileName(response.headers.get("Content-Disposition"), "report.pdf");
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState("idle");
    } catch {
      setState("failed");
    }
  }
  return (
    <>
      <a
        className="button button--secondary button--small"
        href={href}
        onClick={download}
        aria-busy={state === "busy" || undefined}
      >
        {state === "busy" ? t("report.pdfBusy") : label}
      </a>
      {state === "failed" ? (
        <span className="small error-text" role="alert">
          {t("report.pdfFailed")}
        </span>
      ) : null}
    </>
  );
}
