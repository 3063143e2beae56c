import type { RouteConfig } from "@remix-run/route-config";
import { flatRoutes } from "@remix-run/fs-routes";

// File-system routes by Remix's flat-routes convention (v3_routeConfig): app/routes/*.tsx.
export default flatRoutes() satisfies RouteConfig;
