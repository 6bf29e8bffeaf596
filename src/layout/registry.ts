/**
 * The connectors by name. Adding one is adding a folder `layout/<name>/` that exports
 * a Connector and one line here.
 */
import type { Connector } from './connector.ts';
import { jsonConnector } from './json/index.ts';
import { xsaConnector } from './xsa/index.ts';

const CONNECTORS: ReadonlyMap<string, Connector> = new Map(
  [xsaConnector, jsonConnector].map((c) => [c.name, c]),
);

export function getConnector(name: string): Connector | undefined {
  return CONNECTORS.get(name);
}

export function connectorNames(): string[] {
  return [...CONNECTORS.keys()];
}
