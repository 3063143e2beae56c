import { toTenths } from "#indicators/points";
import type { Edition } from "#indicators/schema";
import type { RubricShape } from "./totals";

/** The part of an edition the totals need, in tenths. */
export function toRubricShape(edition: Edition): RubricShape {
  return {
    totalTenths: toTenths(edition.totalPoints),
    areas: edition.areas.map((a) => ({ code: a.code, title: a.title, maxTenths: toTenths(a.points) })),
    items: edition.items.map((i) => ({ code: i.code, area: i.area, title: i.title, maxTenths: toTenths(i.points) })),
    indicators: edition.indicators.map((i) => ({
      code: i.code,
      area: i.area,
      item: i.item,
      maxTenths: toTenths(i.maxPoints),
    })),
  };
}
