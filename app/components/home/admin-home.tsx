import { Link } from "@remix-run/react";
import type { adminHomeData } from "~/utils/home.server";
import { useT } from "../use-t";

type Data = Awaited<ReturnType<typeof adminHomeData>>;

export function AdminHome({ data }: { data: Data }) {
  const t = useT();
  const cards = [
    { label: t("home.admin.institutions"), value: data.institutions, to: "/admin/institutions" },
    { label: t("home.admin.users"), value: data.users, to: "/admin/users" },
    { label: t("home.admin.editions"), value: data.editions, to: "/editions" },
  ];
  return (
    <>
      <div className="page-head">
        <h1>{t("home.admin.title")}</h1>
      </div>
      <div className="grid grid--stats">
        {cards.map((c) => (
          <div className="stat" key={c.to}>
            <div className="stat__label">{c.label}</div>
            <div className="stat__value">{c.value.toLocaleString("ko-KR")}</div>
            <Link to={c.to}>{t("home.admin.manage")} →</Link>
          </div>
        ))}
      </div>
    </>
  );
}
