/**
 * HTML building with escaping by default: every value interpolated into an `html` template is escaped
 * unless it is itself `Html` (the output of another template or `raw`). Article text, titles, outlets and
 * URLs all come from the outside world, so "forgot to escape" must be impossible rather than unlikely.
 */
import { escapeHtml } from "../../util/escape-html.ts";

/** A fragment of markup that is already safe to emit. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A value an `html` template accepts: escaped when text, joined when an array, dropped when empty. */
export type HtmlValue = Html | string | number | false | null | undefined | readonly HtmlValue[];

export { escapeHtml };

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** Tagged template: literal parts are trusted markup, interpolations are escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Markup that is trusted as is: only for constants written in this code. */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** An href for an article link: http(s) URLs only, so `javascript:` and `data:` URLs never become links. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
