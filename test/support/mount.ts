import { render } from 'solid-js/web';
import { afterEach } from 'vitest';

// For jsdom test files (`// @vitest-environment jsdom`). Importing this registers the cleanup, so
// no file can forget it: every component mounted in a test is disposed and removed after it.
const mounted: (() => void)[] = [];
afterEach(() => {
  for (const dispose of mounted.splice(0)) dispose();
  document.body.innerHTML = '';
});

/** Renders `ui` into a fresh container attached to the document and returns the container. */
export function mount(ui: () => unknown): HTMLElement {
  const el = document.createElement('div');
  document.body.append(el);
  mounted.push(render(ui as () => Node, el));
  return el;
}

/** The element under `el` whose data-testid is `id`, or null. */
export const q = (el: Element, id: string) => el.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
