/** The built-in templates, by name. A template is a module: view model → pages. */
import type { Template } from './page.ts';
import { clasica } from './clasica.ts';
import { moderna } from './moderna.ts';

export type { Template } from './page.ts';

export const TEMPLATES: Readonly<Record<string, Template>> = { clasica, moderna };

export const DEFAULT_TEMPLATE = 'clasica';

/** The named template; the default for an absent or unknown name (branding is never fatal). */
export function getTemplate(name: string | undefined): Template {
  return (name !== undefined && Object.hasOwn(TEMPLATES, name) ? TEMPLATES[name] : undefined) ?? TEMPLATES[DEFAULT_TEMPLATE];
}
