/**
 * Every route an app serves, as fastify registers it (plugins included), so tools and
 * tests can cover all of them without a hand-kept list: the HTTP fuzz test reaches a
 * route added tomorrow on its own.
 */
import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  /** The pattern: `/:keyEmpresa/cfdis/:idPeticion`, `/docs/static/*`. */
  url: string;
  /** Query parameter names the route's schema declares. */
  query: string[];
  /** Body property names the route's schema declares. */
  body: string[];
}

const lists = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Call first, before any route or plugin is registered. */
export function recordRoutes(app: FastifyInstance): void {
  const list: RouteEntry[] = [];
  lists.set(app, list);
  app.addHook('onRoute', (r) => {
    const props = (s: unknown) => Object.keys((s as { properties?: object } | undefined)?.properties ?? {});
    const schema = r.schema as { querystring?: unknown; body?: unknown } | undefined;
    for (const method of [r.method].flat()) list.push({ method, url: r.url, query: props(schema?.querystring), body: props(schema?.body) });
  });
}

export function routesOf(app: FastifyInstance): readonly RouteEntry[] {
  return lists.get(app) ?? [];
}
