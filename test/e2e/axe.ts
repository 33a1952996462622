import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  rule: string;
  target: string;
  summary: string;
}

/**
 * L2 in the browser: runs axe-core on the page as it is now, with WCAG AAA contrast
 * (`color-contrast-enhanced`, 7:1) and the rules that catch an unlabelled control or a missing
 * name. Returns the violations, one per element, for `expect(...).toEqual([])`.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the app's CSP (no inline script) does not block it.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe;
    return (await axe.run(document, {
      runOnly: {
        type: 'rule',
        values: ['color-contrast-enhanced', 'button-name', 'label', 'link-name', 'image-alt', 'aria-allowed-attr', 'duplicate-id-aria'],
      },
      resultTypes: ['violations'],
    })) as { violations: { id: string; nodes: { target: string[]; failureSummary?: string; any: { message: string }[] }[] }[] };
  });
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => ({ rule: v.id, target: n.target.join(' '), summary: n.any.map((a) => a.message).join('; ') || (n.failureSummary ?? '') })),
  );
}
