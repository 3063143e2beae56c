import { useT } from "../use-t";

export interface TargetView {
  code: string;
  title: string;
  role: "lead" | "support";
  locked: boolean;
}

/** Checkboxes for the department's indicators of the round; handed-in ones are shown but cannot be chosen. */
export function TargetChoices({
  legend,
  targets,
  idPrefix,
  exclude = [],
  checked = [],
}: {
  legend: string;
  targets: TargetView[];
  idPrefix: string;
  exclude?: string[];
  checked?: string[];
}) {
  const t = useT();
  const shown = targets.filter((x) => !exclude.includes(x.code));
  return (
    <fieldset className="library-targets">
      <legend>{legend}</legend>
      <ul>
        {shown.map((x) => {
          const id = `${idPrefix}-${x.code}`;
          return (
            <li key={x.code}>
              <input
                type="checkbox"
                id={id}
                name="codes"
                value={x.code}
                disabled={x.locked}
                defaultChecked={checked.includes(x.code) && !x.locked}
              />{" "}
              <label htmlFor={id}>
                <span className="num">{x.code}</span> {x.title}{" "}
                <span className="muted small">
                  ({t(x.role === "lead" ? "library.lead" : "library.support")}
                  {x.locked ? ` · ${t("library.statusLocked")}` : ""})
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
