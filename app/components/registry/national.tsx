import type { MessageKey } from "~/i18n";
import type { SchemeId } from "~/domain/schemes";
import type { nationalPictures } from "~/utils/registry-schemes.server";
import { useT } from "../use-t";

type Pictures = Awaited<ReturnType<typeof nationalPictures>>;
const ORDER: SchemeId[] = ["certification", "comprehensive", "happy-office"];

/** Per scheme and year: the count a source gives, how many of them the registry names, and the source. */
export function NationalPicture({ pictures }: { pictures: Pictures }) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="national-title">
      <h2 id="national-title">{t("registry.national.title")}</h2>
      <p className="muted small">{t("registry.national.intro")}</p>
      <div className="national-grid">
        {ORDER.map((scheme) => (
          <div key={scheme}>
            <table className="data national-table" data-testid={`national-${scheme}`}>
              <caption>{t(`scheme.${scheme}` as MessageKey)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("registry.national.year")}</th>
                  <th scope="col" className="num">
                    {t("registry.national.total")}
                  </th>
                  <th scope="col" className="num">
                    {t("registry.national.named")}
                  </th>
                  <th scope="col" className="num">
                    {t("registry.national.unnamed")}
                  </th>
                  <th scope="col">{t("registry.national.source")}</th>
                </tr>
              </thead>
              <tbody>
                {pictures[scheme].map((y) => (
                  <tr key={y.year} data-testid={`national-${scheme}-${y.year}`}>
                    <th scope="row">{t("registry.yearLabel", { year: y.year })}</th>
                    <td className="num">{y.total ?? "–"}</td>
                    <td className="num">{y.named}</td>
                    <td className="num">{y.unnamed ?? "–"}</td>
                    <td className="small muted">
                      {y.source ?? t("registry.national.noCount")}
                      {y.conflict ? <div className="notice--error">{t("registry.national.conflict")}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
    </section>
  );
}
