import { Form, useLocation } from "@remix-run/react";
import type { Indicator } from "#indicators/schema";
import { formatDateTime } from "~/domain/datetime";
import { formValuesFromDraft, scoreDraft } from "~/domain/response-rules";
import type { ResponseActionData } from "~/utils/responses.server";
import { useLocale, useT } from "../use-t";
import { describeDraft, pointsText } from "./labels";

type Conflict = Extract<ResponseActionData, { reason: "conflict" }>;

/**
 * A save based on an old version: both versions side by side, nothing overwritten. The person either loads the saved
 * version or, having read it, saves theirs on top of it explicitly. Works as plain links and forms without JavaScript.
 */
export function ConflictPanel({
  indicator,
  conflict,
  onUseTheirs,
  onKeepMine,
}: {
  indicator: Indicator;
  conflict: Conflict;
  onUseTheirs?: () => void;
  onKeepMine?: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const mine = describeDraft(t, indicator, conflict.mine, locale);
  const theirs = describeDraft(t, indicator, conflict.theirs.draft, locale);
  const mineScore = scoreDraft(indicator, conflict.mine);
  const mineValues = formValuesFromDraft(indicator, conflict.mine, conflict.theirs.version);
  return (
    <div className="notice notice--warn conflict" role="alert" data-testid="conflict">
      <h3>{t("work.conflict.title")}</h3>
      <p>
        {t("work.conflict.intro", {
          name: conflict.theirs.updatedBy ?? "?",
          time: conflict.theirs.updatedAt ? formatDateTime(conflict.theirs.updatedAt, locale) : "?",
          version: conflict.theirs.version,
        })}
      </p>
      <div className="table-wrap">
        <table className="data conflict__table">
          <thead>
            <tr>
              <th>{t("work.conflict.field")}</th>
              <th>{t("work.conflict.mine")}</th>
              <th>{t("work.conflict.theirs")}</th>
            </tr>
          </thead>
          <tbody>
            {mine.map((row, n) => (
              <tr key={row.field} className={row.value !== theirs[n]?.value ? "conflict__diff" : undefined}>
                <th scope="row">{row.label}</th>
                <td className="conflict__text">{row.value}</td>
                <td className="conflict__text">{theirs[n]?.value}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t("work.liveScore")}</th>
              <td>{pointsText(t, mineScore.state === "scored" ? mineScore.tenths : null)}</td>
              <td>{pointsText(t, conflict.theirs.selfTenths)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <a
          className="button button--secondary"
          href={location.pathname}
          onClick={(e) => {
            if (onUseTheirs) {
              e.preventDefault();
              onUseTheirs();
            }
          }}
        >
          {t("work.conflict.useTheirs")}
        </a>
        <Form
          method="post"
          className="inline-form"
          onSubmit={(e) => {
            if (onKeepMine) {
              e.preventDefault();
              onKeepMine();
            }
          }}
        >
          <input type="hidden" name="version" value={mineValues.version} />
          <input type="hidden" name="implemented" value={mineValues.implemented} />
          <input type="hidden" name="yes" value={mineValues.yes} />
          <input type="hidden" name="level" value={mineValues.level} />
          {Object.entries(mineValues.inputs).map(([k, v]) => (
            <input key={k} type="hidden" name={`inputs.${k}`} value={v} />
          ))}
          <input type="hidden" name="narrative" value={mineValues.narrative} />
          <button type="submit" name="intent" value="save" className="button">
            {t("work.conflict.keepMine")}
          </button>
        </Form>
      </div>
      <p className="small muted">{t("work.conflict.keepMine.hint")}</p>
    </div>
  );
}
